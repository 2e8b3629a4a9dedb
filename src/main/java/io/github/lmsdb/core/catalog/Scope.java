package io.github.lmsdb.core.catalog;

import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.db.TableInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The application objects: what lives in the managed schemas, minus the plugin's own tables
 * ({@code lmsdb_*}, kept in their own schema {@code lmsdb}) and Flyway's history table. The one
 * place that filter is written: the catalog reader (previews, generate) and the table list
 * (status, seeds, backup manifests) both ask here.
 *
 * @param schemas the managed schemas, the first being the default one (names in it are shown bare)
 */
public record Scope(List<String> schemas) {
    public Scope {
        if (schemas == null || schemas.isEmpty()) {
            throw new IllegalArgumentException("a scope needs at least one schema");
        }
        schemas = List.copyOf(schemas);
    }

    public static Scope of(Collection<String> schemas) {
        return new Scope(List.copyOf(schemas));
    }

    /** The default schema: its objects are shown without the schema name. */
    public String first() {
        return schemas.get(0);
    }

    /**
     * The SQL condition that keeps application relations, for a query whose namespace name is
     * {@code nspname} and relation name {@code relname} (e.g. {@code "n.nspname"}, {@code "c.relname"}).
     * It has one parameter, the managed schemas as a text array: bind it with {@link #bind}.
     */
    public static String relationFilter(String nspname, String relname) {
        return nspname + " = any(?) and " + relname + " <> " + SqlNames.literal(DatabaseGateway.FLYWAY_HISTORY_TABLE)
                + " and " + relname + " not like " + SqlNames.literal(DatabaseGateway.PLUGIN_TABLE_PREFIX.replace("_", "\\_") + "%");
    }

    /** The SQL condition for objects that are not relations (types, functions): in a managed schema. */
    public static String schemaFilter(String nspname) {
        return nspname + " = any(?)";
    }

    /** Binds the managed schemas to the parameter of {@link #relationFilter} or {@link #schemaFilter}. */
    public void bind(Connection c, PreparedStatement ps, int index) throws SQLException {
        ps.setArray(index, c.createArrayOf("text", schemas.toArray()));
    }

    /**
     * The application tables, in one query: ordinary and partitioned tables, without partitions,
     * with their estimated rows from the planner statistics ({@code -1} when never analyzed).
     */
    public List<TableInfo> applicationTables(Connection c) throws SQLException {
        String sql = "select n.nspname, c.relname, "
                + "case when c.reltuples < 0 then coalesce(s.n_live_tup, -1) else c.reltuples::bigint end "
                + "from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                + "left join pg_stat_user_tables s on s.relid = c.oid "
                + "where c.relkind in ('r', 'p') and not c.relispartition and " + relationFilter("n.nspname", "c.relname")
                + " order by n.nspname, c.relname";
        List<TableInfo> tables = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(new TableInfo(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
        }
        return tables;
    }
}
