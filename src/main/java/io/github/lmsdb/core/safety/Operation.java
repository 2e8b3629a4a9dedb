package io.github.lmsdb.core.safety;

/** The goals that change a database, as the safety policy knows them. */
public enum Operation {
    MIGRATE("migrate", "migrate", false),
    ROLLBACK("rollback", "rollback", true),
    RESET("reset", "reset", true),
    RESTORE("restore", "restore", true),
    SEED("seed", "seed", false),
    SEED_FRESH("seed with fresh", "seed", true);

    private final String label;
    private final String goal;
    private final boolean destructive;

    Operation(String label, String goal, boolean destructive) {
        this.label = label;
        this.goal = goal;
        this.destructive = destructive;
    }

    public String label() {
        return label;
    }

    /** The goal that runs it. */
    public String goal() {
        return goal;
    }

    /** Whether it can lose data (drops, deletes, replaces). */
    public boolean destructive() {
        return destructive;
    }
}
