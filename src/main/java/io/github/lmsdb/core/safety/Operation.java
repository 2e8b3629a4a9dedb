package io.github.lmsdb.core.safety;

/** The goals that change a database, as the safety policy knows them. */
public enum Operation {
    MIGRATE("migrate", false),
    ROLLBACK("rollback", true),
    RESET("reset", true),
    RESTORE("restore", true),
    SEED_FRESH("seed with fresh", true);

    private final String label;
    private final boolean destructive;

    Operation(String label, boolean destructive) {
        this.label = label;
        this.destructive = destructive;
    }

    public String label() {
        return label;
    }

    /** Whether it can lose data (drops, deletes, replaces). */
    public boolean destructive() {
        return destructive;
    }
}
