package io.github.lmsdb.core.migrate;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A session that holds a lock on a table of the managed schemas, read from {@code pg_locks} and
 * {@code pg_stat_activity} right after a script was cancelled by its lock timeout: the sessions a
 * migration or undo script waited for (the cancelled transaction was rolled back, so it no longer
 * waits and {@code pg_blocking_pids} cannot be asked; what still holds locks on those tables is what it waited for).
 *
 * @param held how long its transaction has been open (or the session, outside one)
 * @param locks what it holds, e.g. {@code AccessExclusiveLock on public.quizzes}
 * @param query the first line of its current or last query
 */
public record LockBlocker(int pid, String applicationName, String state, Duration held, String locks, String query) {
    private static final String SQL = """
            select a.pid, coalesce(a.application_name, ''), coalesce(a.state, ''),
                   (extract(epoch from clock_timestamp() - coalesce(a.xact_start, a.backend_start)) * 1000)::bigint,
                   string_agg(distinct l.mode || ' on ' || n.nspname || '.' || c.relname, ', '), coalesce(a.query, '')
            from pg_locks l
            join pg_class c on c.oid = l.relation
            join pg_namespace n on n.oid = c.relnamespace
            join pg_stat_activity a on a.pid = l.pid
            where l.granted and l.locktype = 'relation' and l.pid <> pg_backend_pid()
              and l.database = (select oid from pg_database where datname = current_database())
              and n.nspname = any(?)
            group by a.pid, a.application_name, a.state, a.xact_start, a.backend_start, a.query
            order by 4 desc, a.pid
            """;

    /** The other sessions holding locks on tables of {@code schemas}, the longest-open first. */
    static List<LockBlocker> find(Connection connection, List<String> schemas) throws SQLException {
        List<LockBlocker> blockers = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(SQL)) {
            Array array = connection.createArrayOf("text", schemas.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String query = rs.getString(6).strip().lines().findFirst().orElse("");
                    blockers.add(new LockBlocker(rs.getInt(1), rs.getString(2), rs.getString(3), Duration.ofMillis(rs.getLong(4)),
                            rs.getString(5), query.length() > 120 ? query.substring(0, 117) + "..." : query));
                }
            }
        }
        return blockers;
    }

    /** {@code server process 4242 (psql, idle in transaction, 12 s): AccessExclusiveLock on public.quizzes; query: lock table quizzes}. */
    public String describe() {
        return "server process " + pid + " (" + (applicationName.isEmpty() ? "no application_name" : applicationName) + ", "
                + (state.isEmpty() ? "unknown state" : state) + ", " + seconds(held) + "): " + locks
                + (query.isEmpty() ? "" : "; query: " + query);
    }

    private static String seconds(Duration d) {
        return d.toSeconds() > 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
