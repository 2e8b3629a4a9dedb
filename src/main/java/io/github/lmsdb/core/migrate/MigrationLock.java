package io.github.lmsdb.core.migrate;

import io.github.lmsdb.core.error.LmsdbException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The database's migration lock: a session-level advisory lock that every lmsdb goal changing the
 * schema takes first, so that two builds never plan against the same state. A second build waits,
 * bounded, and then sees what the first one did. Session-level (not transactional) so that
 * {@code CREATE INDEX CONCURRENTLY} in a migration does not wait for the lock holder itself.
 */
public final class MigrationLock implements AutoCloseable {
    /** "lmsdb" in ASCII; advisory lock keys are per database. */
    private static final long KEY = 0x6C6D736462L;

    private static final Duration POLL = Duration.ofMillis(250);

    private final Connection connection;

    private MigrationLock(Connection connection) {
        this.connection = connection;
    }

    public static MigrationLock acquire(Connection connection, Duration wait, MigrationListener listener) throws LmsdbException, SQLException {
        if (tryLock(connection)) {
            return new MigrationLock(connection);
        }
        listener.waiting("Another lmsdb run holds the migration lock on this database" + holder(connection)
                + "; waiting up to " + wait.toSeconds() + " s for it to finish...");
        // Poll rather than block in pg_advisory_lock: a blocked statement keeps a snapshot open, and
        // CREATE INDEX CONCURRENTLY in the other run would wait for it (each waiting for the other).
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LmsdbException("Interrupted while waiting for the migration lock.", "  Run it again.", e);
            }
            if (tryLock(connection)) {
                return new MigrationLock(connection);
            }
        }
        throw new LmsdbException(
                "Another lmsdb run still holds the migration lock after " + wait.toSeconds() + " s" + holder(connection) + ".",
                "  Let it finish and run this again. If no build is running, the lock holder is a stuck session: "
                        + "select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and objid = " + (KEY & 0xFFFFFFFFL) + ";");
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("select pg_try_advisory_lock(" + KEY + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static String holder(Connection connection) {
        try (PreparedStatement ps = connection.prepareStatement(
                "select l.pid from pg_locks l where l.locktype = 'advisory' and l.granted and l.objid = ? "
                        + "and l.database = (select oid from pg_database where datname = current_database()) and l.pid <> pg_backend_pid()")) {
            ps.setLong(1, KEY & 0xFFFFFFFFL);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? " (server process " + rs.getInt(1) + ")" : "";
            }
        } catch (SQLException e) {
            return "";
        }
    }

    @Override
    public void close() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("select pg_advisory_unlock(" + KEY + ")");
        }
    }
}
