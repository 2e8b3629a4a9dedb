package io.github.lmsdb.core.backup;

import java.util.List;
import java.util.Set;

/**
 * What a dump says it holds, read from the dump itself (for a backup without a manifest): its
 * tables and constraints ({@code schema.table}, and {@link #constraint}), the tables it has rows
 * for, and for plain SQL whether pg_dump's closing line is there (a file cut short lacks it).
 */
record DumpContents(Set<String> tables, Set<String> constraints, Set<String> tablesWithRows, boolean complete, List<CopyBlock> copies) {
    DumpContents {
        tables = Set.copyOf(tables);
        constraints = Set.copyOf(constraints);
        tablesWithRows = Set.copyOf(tablesWithRows);
        copies = List.copyOf(copies);
    }

    /** One {@code COPY ... FROM stdin} of the dump, in the order psql runs them: its table and the rows its data holds. */
    record CopyBlock(String table, long rows) {}

    /** How a constraint is named here: {@code schema.table constraint} (the names as stored). */
    static String constraint(String schema, String table, String name) {
        return schema + "." + table + " " + name;
    }
}
