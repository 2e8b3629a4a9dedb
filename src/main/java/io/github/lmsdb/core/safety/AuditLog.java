package io.github.lmsdb.core.safety;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plugin's own tables, in their own schema {@code lmsdb} so that reset and fresh seeds (which
 * empty the managed schemas) never erase them: {@code lmsdb_metadata} (the environment the database
 * is stamped with) and {@code lmsdb_audit} (one row per run of a goal that changes the database).
 */
public final class AuditLog {
    public static final String SCHEMA = "lmsdb";
    private static final String AUDIT = SCHEMA + ".lmsdb_audit";
    private static final String METADATA = SCHEMA + ".lmsdb_metadata";

    private AuditLog() {}

    /** Serializes the creation of the tables: "lmsdc" in ASCII, an advisory lock of the creating transaction only. */
    private static final long CREATE_LOCK = 0x6C6D736463L;

    /**
     * Creates the schema and tables when missing (idempotent). Runs of different schemas of one database (a schema fleet)
     * may get here at once, and two concurrent {@code create ... if not exists} of one name can both fail-check and one then
     * fail on the catalog's unique index: the creation is therefore serialized by a transaction-level advisory lock.
     */
    public static void ensureTables(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select to_regclass('" + AUDIT + "') is not null and to_regclass('" + METADATA + "') is not null")) {
            rs.next();
            if (rs.getBoolean(1)) {
                c.setAutoCommit(autoCommit);
                return;
            }
        }
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("select pg_advisory_xact_lock(" + CREATE_LOCK + ")");
            st.execute("create schema if not exists " + SCHEMA);
            st.execute("create table if not exists " + METADATA + " (key text primary key, value text not null, "
                    + "updated_at timestamptz not null default now())");
            st.execute("create table if not exists " + AUDIT + " (id bigint generated always as identity primary key, "
                    + "at timestamptz not null, goal text not null, environment text not null, database_user text, os_user text, "
                    + "host text, plugin_version text, parameters text not null, outcome text not null, duration_ms bigint not null, "
                    + "version_before text, version_after text, message text)");
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** Appends a record to the database, and as a JSON line to {@code file} when given. */
    public static void append(Connection c, AuditRecord r, Path file) throws LmsdbException, SQLException {
        ensureTables(c);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (PreparedStatement ps = c.prepareStatement("insert into " + AUDIT + " (at, goal, environment, database_user, os_user, host, "
                + "plugin_version, parameters, outcome, duration_ms, version_before, version_after, message) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setTimestamp(1, Timestamp.from(r.at()));
            ps.setString(2, r.goal());
            ps.setString(3, r.environment());
            ps.setString(4, r.databaseUser());
            ps.setString(5, r.osUser());
            ps.setString(6, r.host());
            ps.setString(7, r.pluginVersion());
            ps.setString(8, Json.write(new LinkedHashMap<String, Object>(r.parameters())));
            ps.setString(9, r.outcome());
            ps.setLong(10, r.duration().toMillis());
            ps.setString(11, r.versionBefore());
            ps.setString(12, r.versionAfter());
            ps.setString(13, r.message());
            ps.executeUpdate();
        } finally {
            c.setAutoCommit(autoCommit);
        }
        if (file != null) {
            try {
                Path dir = file.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                Files.writeString(file, r.toJson() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new LmsdbException("Cannot append the audit record to " + file + ": " + e.getMessage(),
                        Hint.line("Choose a writable file with ", Hint.set("auditFile", "<file>")), e);
            }
        }
    }

    /** The newest {@code limit} records, newest first; empty when the table does not exist. */
    @SuppressWarnings("unchecked")
    public static List<AuditRecord> latest(Connection c, int limit) throws SQLException {
        List<AuditRecord> records = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select to_regclass('" + AUDIT + "') is not null")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return records;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select at, goal, environment, database_user, os_user, host, plugin_version, "
                + "parameters, outcome, duration_ms, version_before, version_after, message from " + AUDIT + " order by id desc limit ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> params = new LinkedHashMap<>();
                    ((Map<String, Object>) Json.parse(rs.getString(8))).forEach((k, v) -> params.put(k, String.valueOf(v)));
                    records.add(new AuditRecord(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), params, rs.getString(9), Duration.ofMillis(rs.getLong(10)),
                            rs.getString(11), rs.getString(12), rs.getString(13)));
                }
            }
        }
        return records;
    }

    /** The environment the database is stamped with, or null. */
    public static Stamp stamp(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select to_regclass('" + METADATA + "') is not null")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return null;
            }
        }
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select value, updated_at, (select value from " + METADATA + " where key = 'environment_goal') "
                        + "from " + METADATA + " where key = 'environment'")) {
            return rs.next() ? new Stamp(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3)) : null;
        }
    }

    /** Records that the database is now managed under {@code environment}, by {@code goal}. */
    public static void stamp(Connection c, String environment, String goal) throws SQLException {
        ensureTables(c);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (PreparedStatement ps = c.prepareStatement("insert into " + METADATA + " (key, value, updated_at) values (?, ?, now()) "
                + "on conflict (key) do update set value = excluded.value, updated_at = now()")) {
            ps.setString(1, "environment");
            ps.setString(2, environment);
            ps.executeUpdate();
            ps.setString(1, "environment_goal");
            ps.setString(2, goal);
            ps.executeUpdate();
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** The stamp: environment, when, by which goal. */
    public record Stamp(String environment, java.time.Instant at, String goal) {}
}
