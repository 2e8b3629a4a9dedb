package io.github.lmsdb.core.catalog;

import io.github.lmsdb.core.db.Identifiers;

/** Qualified names of the catalog model ({@code public.users}) as SQL. */
public final class SqlNames {
    private SqlNames() {}

    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[a-z_][a-z0-9_]*");
    /** PostgreSQL's reserved key words (and a few that read badly unquoted): these are always quoted. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc",
            "asymmetric", "authorization", "binary", "both", "case", "cast", "check", "collate", "collation", "column", "concurrently",
            "constraint", "create", "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
            "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false",
            "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group", "having", "ilike", "in", "initially", "inner",
            "intersect", "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime", "localtimestamp",
            "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order", "outer", "overlaps", "placing", "primary",
            "references", "returning", "right", "select", "session_user", "similar", "some", "symmetric", "system_user", "table",
            "tablesample", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when", "where",
            "window", "with", "value", "type", "position", "name");

    /** An identifier as written in generated DDL: bare when that reads the same to PostgreSQL, quoted otherwise. */
    public static String quote(String identifier) {
        return PLAIN.matcher(identifier).matches() && !RESERVED.contains(identifier) ? identifier : Identifiers.quote(identifier);
    }

    /** {@code public.users} becomes {@code "public"."users"}. */
    public static String qualified(String qualifiedName) {
        int dot = qualifiedName.indexOf('.');
        return quote(qualifiedName.substring(0, dot)) + "." + quote(qualifiedName.substring(dot + 1));
    }

    /** {@code public.users} becomes {@code users} when public is the first managed schema, else stays. */
    public static String display(String qualifiedName, String firstSchema) {
        return qualifiedName.startsWith(firstSchema + ".") ? qualifiedName.substring(firstSchema.length() + 1) : qualifiedName;
    }

    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
