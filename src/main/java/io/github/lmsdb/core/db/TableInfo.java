package io.github.lmsdb.core.db;

/**
 * An application table and its estimated row count from the planner statistics ({@code -1} when
 * the table was never analyzed or vacuumed).
 */
public record TableInfo(String schema, String name, long estimatedRows) {
    /** {@code users} in the default schema, {@code audit.events} elsewhere. */
    public String displayName() {
        return "public".equals(schema) ? name : schema + "." + name;
    }
}
