package io.github.lmsdb.core.lint;

/** The lint rules: each one's id (as reports and SARIF name it), what it finds, and the safer rewrite. */
public enum Rule {
    INDEX_NOT_CONCURRENT("index-not-concurrent", "CREATE INDEX without CONCURRENTLY on a table with rows blocks its writes while the index builds",
            "CREATE INDEX CONCURRENTLY (in a migration of its own, outside a transaction)"),
    CONSTRAINT_NOT_VALID("constraint-not-valid", "FOREIGN KEY or CHECK added without NOT VALID scans a table with rows under lock",
            "ADD ... NOT VALID, then VALIDATE CONSTRAINT in a later migration"),
    NOT_NULL_ON_ROWS("not-null-on-rows", "SET NOT NULL on a table with rows scans it under ACCESS EXCLUSIVE",
            "add a CHECK (col IS NOT NULL) NOT VALID, validate it, then SET NOT NULL"),
    TABLE_REWRITE("table-rewrite", "The statement rewrites a table with rows (type change, volatile default) under ACCESS EXCLUSIVE",
            "add a new column, backfill it in batches, then switch to it; or a default that does not need a rewrite"),
    ACCESS_EXCLUSIVE("access-exclusive", "ACCESS EXCLUSIVE on a table with rows and no lock_timeout set earlier in the migration (no-lock-timeout)",
            "SET lock_timeout = '5s'; at the top of the migration, so it gives up instead of queueing every query behind it"),
    DROP_COLUMN("drop-column", "A column is dropped that the previous release may still read",
            "deploy code that stops using it first"),
    DROP_TABLE("drop-table", "A table is dropped that the previous release may still read",
            "deploy code that stops using it first"),
    RENAME_COLUMN("rename-column", "A column is renamed that the previous release may still read under its old name",
            "deploy code that stops using it first (or add the new column, write both, then drop the old one)"),
    CONCURRENTLY_IN_TRANSACTION("concurrently-in-transaction", "CREATE INDEX CONCURRENTLY cannot run in a transaction with the migration's other statements",
            "put it in a migration of its own");

    private final String id;
    private final String description;
    private final String fix;

    Rule(String id, String description, String fix) {
        this.id = id;
        this.description = description;
        this.fix = fix;
    }

    public String id() {
        return id;
    }

    /** The rule with this id, as reports and plans write it. */
    public static Rule byId(String id) {
        for (Rule r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown lint rule " + id);
    }

    public String description() {
        return description;
    }

    /** The safer rewrite. */
    public String fix() {
        return fix;
    }
}
