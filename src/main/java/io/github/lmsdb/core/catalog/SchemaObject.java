package io.github.lmsdb.core.catalog;

/**
 * One object of a schema as the catalog describes it.
 *
 * @param kind what it is
 * @param name its name as shown to users: {@code users}, {@code quizzes.time_limit}, {@code set_updated_at()}
 * @param table the table it belongs to (columns, constraints, indexes, triggers), or null
 * @param definition what it is made of (a column's type, nullability and default; an index's
 *     definition), compared to tell an altered object from an unchanged one
 */
public record SchemaObject(Kind kind, String name, String table, String definition) {
    public enum Kind {
        TABLE("table"),
        VIEW("view"),
        MATERIALIZED_VIEW("materialized view"),
        SEQUENCE("sequence"),
        COLUMN("column"),
        CONSTRAINT("constraint"),
        INDEX("index"),
        TYPE("type"),
        FUNCTION("function"),
        TRIGGER("trigger"),
        POLICY("policy");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The identity of the object across two snapshots. */
    String key() {
        return kind + "|" + name;
    }
}
