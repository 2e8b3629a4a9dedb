package io.github.lmsdb.core.shadow;

import io.github.lmsdb.core.catalog.Scope;
import io.github.lmsdb.core.db.Identifiers;
import io.github.lmsdb.core.db.RowCounter;
import io.github.lmsdb.core.error.LmsdbException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a preview reads on the target, all of it read-only: table sizes and the planner's row
 * estimates (one query), and exact counts of what a rollback drops, each in a read-only
 * transaction bounded by a statement timeout, falling back to the estimate when it runs out.
 */
public final class TargetTables {
    /** How long one exact count may run on the target before the estimate is shown instead. */
    static final String COUNT_TIMEOUT = "10s";
    /** PostgreSQL's query_canceled: the statement timeout ran out. */
    private static final String CANCELED = "57014";

    /** A table's size with its indexes and TOAST, and {@code reltuples} (negative: never analyzed). */
    public record Size(String schema, String name, long bytes, long estimatedRows) {}

    private final Connection target;
    private final Scope scope;
    private final Map<String, Size> sizes;
    private final Map<Size, Boolean> hasRows = new HashMap<>();

    private TargetTables(Connection target, Scope scope, Map<String, Size> sizes) {
        this.target = target;
        this.scope = scope;
        this.sizes = sizes;
    }

    /** Reads the sizes of the application tables of {@code scope}, keyed by the name previews show. */
    public static TargetTables read(Connection target, Scope scope) throws SQLException {
        String sql = "select n.nspname, c.relname, pg_total_relation_size(c.oid), c.reltuples::bigint "
                + "from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                + "where c.relkind in ('r', 'p', 'm') and " + Scope.relationFilter("n.nspname", "c.relname");
        Map<String, Size> sizes = new HashMap<>();
        try (PreparedStatement ps = target.prepareStatement(sql)) {
            scope.bind(target, ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Size size = new Size(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4));
                    sizes.put(display(scope, size.schema(), size.name()), size);
                }
            }
        }
        return new TargetTables(target, scope, sizes);
    }

    /** {@code quizzes} in the first schema, {@code audit.events} elsewhere: as the catalog delta names them. */
    public static String display(Scope scope, String schema, String name) {
        return scope.first().equals(schema) ? name : schema + "." + name;
    }

    public Optional<Size> size(String displayName) {
        return Optional.ofNullable(sizes.get(displayName));
    }

    /** "table quizzes has 3 rows", or null when it has none or is not on the target. */
    String rowsLost(String table) throws LmsdbException, SQLException {
        Size size = sizes.get(table);
        if (size == null) {
            return null;
        }
        Long rows = bounded(counter -> counter.rows(size.schema(), size.name()));
        if (rows == null) {
            return about("table " + table + " has", size.estimatedRows(), "row", "rows");
        }
        return rows == 0 ? null : "table " + table + " has " + rows + (rows == 1 ? " row" : " rows");
    }

    /** "quizzes.time_limit has 12 non-null values", or null when it has none or is not on the target. */
    String valuesLost(String table, String column) throws LmsdbException, SQLException {
        Size size = sizes.get(table);
        if (size == null) {
            return null;
        }
        Long values = bounded(counter -> counter.nonNull(size.schema(), size.name(), column));
        String name = table + "." + column;
        if (values == null) {
            return about(name + " has", Math.round(size.estimatedRows() * (1 - nullFraction(size, column))), "non-null value", "non-null values");
        }
        return values == 0 ? null : name + " has " + values + (values == 1 ? " non-null value" : " non-null values");
    }

    private static String about(String subject, long estimate, String one, String many) {
        if (estimate < 0) {
            return subject + " an unknown number of " + many + " (counting took over " + COUNT_TIMEOUT + " and the table was never analyzed)";
        }
        return subject + " about " + estimate + " " + (estimate == 1 ? one : many) + " (estimate: counting took over " + COUNT_TIMEOUT + ")";
    }

    private double nullFraction(Size size, String column) throws SQLException {
        try (PreparedStatement ps = target.prepareStatement(
                "select null_frac from pg_stats where schemaname = ? and tablename = ? and attname = ? and not inherited")) {
            ps.setString(1, size.schema());
            ps.setString(2, size.name());
            ps.setString(3, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getDouble(1) : 0;
            }
        }
    }

    private interface Count {
        long on(RowCounter counter) throws LmsdbException;
    }

    /** The count in a read-only transaction under the timeout; null when the timeout ran out. */
    private Long bounded(Count count) throws LmsdbException, SQLException {
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(false);
        try {
            try (Statement st = target.createStatement()) {
                st.execute("set transaction read only");
                st.execute("set local statement_timeout = '" + COUNT_TIMEOUT + "'");
            }
            return count.on(new RowCounter(target));
        } catch (LmsdbException e) {
            if (e.getCause() instanceof SQLException sql && CANCELED.equals(sql.getSQLState())) {
                return null;
            }
            throw e;
        } finally {
            target.rollback();
            target.setAutoCommit(autoCommit);
        }
    }

    public Scope scope() {
        return scope;
    }

    /**
     * Whether the table holds a row: the planner's estimate when it says so, else one read-only look
     * bounded by the timeout (an estimate of 0 or -1 may be stale or missing); true when the look ran out.
     */
    public boolean hasRows(Size size) throws LmsdbException, SQLException {
        if (size.estimatedRows() > 0) {
            return true;
        }
        Boolean any = hasRows.get(size);
        if (any == null) {
            Long found = bounded(counter -> {
                try (Statement st = target.createStatement(); ResultSet rs = st.executeQuery(
                        "select exists (select 1 from " + Identifiers.qualified(size.schema(), size.name()) + ")")) {
                    rs.next();
                    return rs.getBoolean(1) ? 1 : 0;
                } catch (SQLException e) {
                    throw new LmsdbException("Cannot read whether " + size.name() + " has rows: " + e.getMessage(), io.github.lmsdb.core.error.Hint.NONE, e);
                }
            });
            any = found == null || found > 0;
            hasRows.put(size, any);
        }
        return any;
    }

    /** The definitions of the table's validated CHECK constraints on the target, as {@code pg_get_constraintdef} writes them. */
    public List<String> validChecks(Size size) throws SQLException {
        List<String> checks = new ArrayList<>();
        try (PreparedStatement ps = target.prepareStatement("select pg_get_constraintdef(k.oid) from pg_constraint k "
                + "join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace "
                + "where n.nspname = ? and c.relname = ? and k.contype = 'c' and k.convalidated")) {
            ps.setString(1, size.schema());
            ps.setString(2, size.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    checks.add(rs.getString(1));
                }
            }
        }
        return checks;
    }
}
