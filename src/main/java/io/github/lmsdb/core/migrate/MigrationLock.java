package io.github.lmsdb.core.migrate;

import io.github.lmsdb.core.db.ApplicationName;
import io.github.lmsdb.core.db.RunOwner;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.io.Sha256;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The migration lock of one history schema of a database: a session-level advisory lock that every
 * lmsdb goal changing the schema takes first, so that two builds never plan against the same state.
 * Its key is derived from the history schema's name (advisory locks are per database already), so two
 * runs on the same schema exclude each other while runs on different schemas of one database (the
 * tenants of a schema fleet) do not wait for one another; Flyway's own lock is per history table too. A second build waits,
 * bounded, and then sees what the first one did. Session-level (not transactional) so that
 * {@code CREATE INDEX CONCURRENTLY} in a migration does not wait for the lock holder itself.
 *
 * <p>A holder whose lmsdb run is certainly dead (its application_name names a JVM of this host
 * that is gone: killed while its backend still runs a long statement) is ended and the lock taken
 * over; a live holder, or one whose run cannot be judged (another host, another client), is waited for.
 */
public final class MigrationLock implements AutoCloseable {
    /** The key's upper half, "lmsd" in ASCII (pg_locks.classid); the lower half (objid) is the history schema's hash. */
    private static final long KEY_CLASS = 0x6C6D7364L;

    private static final Duration POLL = Duration.ofMillis(250);
    /** How long a terminated holder's backend may take to exit and release the lock. */
    private static final Duration TAKEOVER_WAIT = Duration.ofSeconds(30);

    private final Connection connection;
    private final long key;

    private MigrationLock(Connection connection, long key) {
        this.connection = connection;
        this.key = key;
    }

    /**
     * The advisory lock key of {@code historySchema}'s migration lock: {@code "lmsd"} in the upper 32 bits, the first 32
     * bits of the SHA-256 of the schema's name in the lower. Two schemas whose hashes collide merely take turns.
     */
    public static long key(String historySchema) {
        long hash = Long.parseLong(Sha256.of(historySchema).substring(0, 8), 16);
        return KEY_CLASS << 32 | hash;
    }

    /** Whether an advisory lock with this {@code pg_locks.classid} is an lmsdb migration lock (of any schema). */
    public static boolean isMigrationLock(long classid) {
        return classid == KEY_CLASS;
    }

    /**
     * The session holding the migration lock on a database.
     *
     * @param serverPid the holder's server process id
     * @param applicationName its application_name (empty when the server hides it)
     * @param state its state in pg_stat_activity ({@code active}, {@code idle}, ...), or null
     * @param since when its current statement (or, idle, its last one) started, or null
     */
    public record Holder(int serverPid, String applicationName, String state, Instant since) {
        /** The lmsdb run holding it, when the holder is one. */
        public Optional<ApplicationName> run() {
            return ApplicationName.parse(applicationName);
        }

        /** Alive, dead, or unknown (another host, another client). */
        public RunOwner.Liveness liveness() {
            return run().flatMap(ApplicationName::owner).map(RunOwner::liveness).orElse(RunOwner.Liveness.UNKNOWN);
        }

        /** {@code server process 123, lmsdb:migrate:..., active}. */
        public String describe() {
            return "server process " + serverPid + (applicationName == null || applicationName.isEmpty() ? "" : ", " + applicationName)
                    + (state == null ? "" : ", " + state);
        }
    }

    /**
     * Takes the migration lock of {@code historySchema} (the schema of the Flyway history table, the first managed
     * schema), waiting up to {@code wait} for a live holder and taking over from a dead one.
     */
    public static MigrationLock acquire(Connection connection, String historySchema, Duration wait, MigrationListener listener)
            throws LmsdbException, SQLException {
        long key = key(historySchema);
        endDeadRuns(connection, listener);
        if (tryLock(connection, key) || takeOverFromDeadRun(connection, key, listener)) {
            return new MigrationLock(connection, key);
        }
        listener.waiting("Another lmsdb run holds the migration lock of schema " + historySchema + " on this database"
                + holderText(connection, key) + "; waiting up to " + wait.toSeconds() + " s for it to finish...");
        // Poll rather than block in pg_advisory_lock: a blocked statement keeps a snapshot open, and
        // CREATE INDEX CONCURRENTLY in the other run would wait for it (each waiting for the other).
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            sleep(POLL);
            // The holder may die while this run waits: its backend would keep the lock to the end of its
            // statement. The try comes last, so that between polls a waiter's last statement is the try
            // (what pg_stat_activity shows, and what the concurrency tests wait for).
            endDeadRuns(connection, listener);
            if (takeOverFromDeadRun(connection, key, listener) || tryLock(connection, key)) {
                return new MigrationLock(connection, key);
            }
        }
        throw new LmsdbException(
                "Another lmsdb run still holds the migration lock of schema " + historySchema + " after " + wait.toSeconds() + " s"
                        + holderText(connection, key) + ".",
                "  Let it finish and run this again. If no build is running, the lock holder is a stuck session: "
                        + "select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and classid = " + (key >>> 32)
                        + " and objid = " + (key & 0xFFFFFFFFL) + " and objsubid = 1;");
    }

    /**
     * When the holder is a backend of an lmsdb run whose JVM is gone, ends it, says so, and takes
     * the lock once the backend has exited. False when there is no such holder or it cannot be ended.
     */
    private static boolean takeOverFromDeadRun(Connection connection, long key, MigrationListener listener) throws LmsdbException, SQLException {
        Optional<Holder> holder = holder(connection, key);
        if (holder.isEmpty() || holder.get().liveness() != RunOwner.Liveness.DEAD) {
            return false;
        }
        Holder dead = holder.get();
        boolean ended;
        try (PreparedStatement ps = connection.prepareStatement("select pg_terminate_backend(?)")) {
            ps.setInt(1, dead.serverPid());
            try (ResultSet rs = ps.executeQuery()) {
                ended = rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            // Not allowed to end another role's session: wait for it like any holder.
            return false;
        }
        if (!ended) {
            return false;
        }
        ApplicationName run = dead.run().orElseThrow();
        listener.notice("The migration lock was held by server process " + dead.serverPid() + " of a dead lmsdb run (" + run.goal()
                + ", pid " + run.owner().orElseThrow().pid() + "); it was ended.");
        long deadline = System.nanoTime() + TAKEOVER_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (tryLock(connection, key)) {
                return true;
            }
            sleep(POLL);
        }
        return false;
    }

    /** A server process on this database of an lmsdb run, with the locks it holds. */
    private record Backend(int pid, ApplicationName run, String state, int advisoryLocks, List<String> tables) {
        String describe() {
            List<String> held = new ArrayList<>();
            if (advisoryLocks > 0) {
                held.add(advisoryLocks + " advisory lock(s)");
            }
            if (!tables.isEmpty()) {
                held.add("locks on " + String.join(", ", tables));
            }
            return "server process " + pid + " (" + run.goal() + ", " + (state == null ? "gone" : state)
                    + (held.isEmpty() ? "" : ", " + String.join(", ", held)) + ")";
        }
    }

    /**
     * Ends every server process on this database of an lmsdb run whose JVM is certainly gone: a
     * killed build's connections die with it only when idle; one busy in a statement (a migration,
     * Flyway's own lock session, a seed holding table locks) runs on until that statement ends,
     * and would block this run. Says so once per dead run and waits, bounded, for them to exit.
     * Live runs, runs of another host and other clients are left alone (waited for by the caller).
     *
     * @return how many were ended
     */
    public static int endDeadRuns(Connection connection, MigrationListener listener) throws LmsdbException, SQLException {
        List<Backend> dead = deadRunBackends(connection);
        if (dead.isEmpty()) {
            return 0;
        }
        List<Backend> ended = new ArrayList<>();
        for (Backend b : dead) {
            try (PreparedStatement ps = connection.prepareStatement("select pg_terminate_backend(?)")) {
                ps.setInt(1, b.pid());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        ended.add(b);
                    }
                }
            } catch (SQLException e) {
                // Not allowed to end another role's session: it is waited for like a live holder.
            }
        }
        if (ended.isEmpty()) {
            return 0;
        }
        Map<String, List<Backend>> byRun = new LinkedHashMap<>();
        for (Backend b : ended) {
            byRun.computeIfAbsent(b.run().runId(), k -> new ArrayList<>()).add(b);
        }
        for (List<Backend> run : byRun.values()) {
            ApplicationName name = run.get(0).run();
            listener.notice("Ended " + run.size() + " server process(es) of a dead lmsdb run (" + name.goal() + ", pid "
                    + name.owner().orElseThrow().pid() + ") that still held locks: "
                    + String.join("; ", run.stream().map(Backend::describe).toList()) + ".");
        }
        awaitGone(connection, ended.stream().map(Backend::pid).toList());
        return ended.size();
    }

    private static List<Backend> deadRunBackends(Connection connection) throws SQLException {
        List<Backend> found = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "select a.pid, a.application_name, a.state, "
                        + "(select count(*) from pg_locks l where l.pid = a.pid and l.locktype = 'advisory' and l.granted), "
                        + "(select array_agg(distinct c.relname::text order by c.relname::text) from pg_locks l join pg_class c on c.oid = l.relation "
                        + "where l.pid = a.pid and l.locktype = 'relation' and l.granted and c.relkind in ('r', 'p') "
                        + "and c.relnamespace not in ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)) "
                        + "from pg_stat_activity a where a.datname = current_database() and a.pid <> pg_backend_pid() "
                        + "and a.application_name like ? order by a.pid")) {
            ps.setString(1, ApplicationName.PREFIX.replace("_", "\\_") + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Optional<ApplicationName> run = ApplicationName.parse(rs.getString(2));
                    boolean dead = run.flatMap(ApplicationName::owner).map(RunOwner::liveness).filter(l -> l == RunOwner.Liveness.DEAD).isPresent();
                    if (dead) {
                        java.sql.Array tables = rs.getArray(5);
                        found.add(new Backend(rs.getInt(1), run.get(), rs.getString(3), rs.getInt(4),
                                tables == null ? List.of() : List.of((String[]) tables.getArray())));
                    }
                }
            }
        }
        return found;
    }

    /** Waits (bounded) until the ended server processes have exited and released what they held. */
    private static void awaitGone(Connection connection, List<Integer> pids) throws LmsdbException, SQLException {
        long deadline = System.nanoTime() + TAKEOVER_WAIT.toNanos();
        try (PreparedStatement ps = connection.prepareStatement("select count(*) from pg_stat_activity where pid = any(?)")) {
            ps.setArray(1, connection.createArrayOf("int4", pids.toArray()));
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        return;
                    }
                }
                sleep(Duration.ofMillis(50));
            }
        }
    }

    private static void sleep(Duration duration) throws LmsdbException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LmsdbException("Interrupted while waiting for the migration lock.", "  Run it again.", e);
        }
    }

    private static boolean tryLock(Connection connection, long key) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("select pg_try_advisory_lock(" + key + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Who holds the migration lock of {@code historySchema} on the connection's database, other than this session. */
    public static Optional<Holder> holder(Connection connection, String historySchema) throws SQLException {
        return holder(connection, key(historySchema));
    }

    private static Optional<Holder> holder(Connection connection, long key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "select l.pid, a.application_name, a.state, coalesce(a.query_start, a.backend_start) from pg_locks l "
                        + "left join pg_stat_activity a on a.pid = l.pid "
                        + "where l.locktype = 'advisory' and l.granted and l.classid = ? and l.objid = ? and l.objsubid = 1 "
                        + "and l.database = (select oid from pg_database where datname = current_database()) and l.pid <> pg_backend_pid()")) {
            ps.setLong(1, key >>> 32);
            ps.setLong(2, key & 0xFFFFFFFFL);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp since = rs.getTimestamp(4);
                return Optional.of(new Holder(rs.getInt(1), rs.getString(2), rs.getString(3), since == null ? null : since.toInstant()));
            }
        }
    }

    private static String holderText(Connection connection, long key) {
        try {
            return holder(connection, key).map(h -> " (" + h.describe() + ")").orElse("");
        } catch (SQLException e) {
            return "";
        }
    }

    @Override
    public void close() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("select pg_advisory_unlock(" + key + ")");
        }
    }
}
