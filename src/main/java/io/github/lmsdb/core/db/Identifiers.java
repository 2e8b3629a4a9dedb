package io.github.lmsdb.core.db;

/** The one place where a name becomes SQL: every identifier that reaches a statement goes through here. */
public final class Identifiers {
    private Identifiers() {}

    /** {@code users} becomes {@code "users"}; embedded double quotes are doubled. */
    public static String quote(String identifier) {
        if (identifier == null || identifier.isEmpty() || identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Not a valid SQL identifier: '" + identifier + "'");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code schema.table}, each part quoted. */
    public static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }
}
