package io.github.lmsdb.core.db;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Exact counts on a table: its rows, the non-null values of a column, the nulls of a column. The
 * counts decide data-loss hazards, so a count that cannot be made fails closed: an error naming
 * the table and the reason (say, permission denied), never a zero that would hide the loss.
 */
public final class RowCounter {
    private final Connection connection;

    public RowCounter(Connection connection) {
        this.connection = connection;
    }

    /** The rows of {@code schema.table}. */
    public long rows(String schema, String table) throws LmsdbException {
        return count(schema, table, "select count(*) from " + Identifiers.qualified(schema, table), "the rows of");
    }

    /** The values of {@code column} that are not null: what dropping the column loses. */
    public long nonNull(String schema, String table, String column) throws LmsdbException {
        return count(schema, table, "select count(" + Identifiers.quote(column) + ") from " + Identifiers.qualified(schema, table),
                "the values of column " + column + " of");
    }

    /** The rows where {@code column} is null: what a new NOT NULL would refuse. */
    public long nulls(String schema, String table, String column) throws LmsdbException {
        return count(schema, table, "select count(*) from " + Identifiers.qualified(schema, table) + " where " + Identifiers.quote(column)
                + " is null", "the nulls of column " + column + " of");
    }

    private long count(String schema, String table, String sql, String what) throws LmsdbException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            String name = schema + "." + table;
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("").strip();
            Hint hint = "42501".equals(e.getSQLState())
                    ? Hint.line("Grant the connecting user SELECT on " + name + " (GRANT SELECT ON " + Identifiers.qualified(schema, table)
                            + " TO " + user() + "), or connect as a user who can read it.")
                    : Hint.line("Without that count the data this change loses cannot be measured, so nothing was done.");
            throw new LmsdbException("Could not count " + what + " table " + name + ": " + reason
                    + (e.getSQLState() == null ? "" : " (SQL state " + e.getSQLState() + ")") + ".", hint, e);
        }
    }

    private String user() {
        try {
            return Identifiers.quote(connection.getMetaData().getUserName());
        } catch (SQLException | IllegalArgumentException e) {
            return "<user>";
        }
    }
}
