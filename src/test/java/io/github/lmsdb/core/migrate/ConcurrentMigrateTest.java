package io.github.lmsdb.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.db.DatabaseGateway;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two builds migrating one database at once, as two JVMs: the migration lock makes the second wait and apply nothing twice. */
class ConcurrentMigrateTest {
    /** The migration lock's key for the history schema public. */
    private static final long LOCK_KEY = MigrationLock.key("public");

    /** How long V1 waits for the second process (a safety net: V1 fails when it is reached). */
    private static final long GATE_SECONDS = 300;

    private static final long PROCESS_WAIT_SECONDS = 420;

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 480, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void twoProcessesMigratingAtOnceApplyEachMigrationExactlyOnce() throws Exception {
        ConnectionSettings settings = TestServer.newDatabase("concurrent");
        Path dir = Files.createDirectories(temp.resolve("migration"));
        // The first migration keeps the lock until the other process is polling for it, so the two runs overlap whatever
        // the JVM start-up times are, instead of hoping that a fixed sleep is long enough. A waiter repeats
        // pg_try_advisory_lock on a session that does not hold the lock (MigrationLock). pg_stat_clear_snapshot: within
        // one transaction pg_stat_activity is otherwise read only once. The bound is a safety net: reaching it fails V1.
        Files.writeString(dir.resolve("V1__Slow.sql"), """
                do $$
                begin -- concurrent-migrate gate
                    for i in 1..%d loop
                        perform pg_stat_clear_snapshot();
                        if exists (select 1 from pg_stat_activity a
                                   where a.datname = current_database() and a.query = 'select pg_try_advisory_lock(%d)'
                                     and not exists (select 1 from pg_locks l where l.pid = a.pid and l.locktype = 'advisory'
                                                     and l.classid = %d and l.objid = %d and l.granted)) then
                            return;
                        end if;
                        perform pg_sleep(0.1);
                    end loop;
                    raise exception 'no second process polled for the migration lock within %d s';
                end
                $$;
                create table slow (id int);
                """.formatted(GATE_SECONDS * 10, LOCK_KEY, LOCK_KEY >>> 32, LOCK_KEY & 0xFFFFFFFFL, GATE_SECONDS));
        Files.writeString(dir.resolve("V2__B.sql"), "create table b (id int);\n");
        Files.writeString(dir.resolve("V3__C.sql"), "create table c (id int);\n");

        List<Process> processes = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            Path out = temp.resolve("run" + i + ".out");
            outputs.add(out);
            ProcessBuilder builder = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"), MigrateMain.class.getName(),
                    String.valueOf(TestServer.server().port()), settings.url().database(), dir.toString())
                    .redirectOutput(out.toFile())
                    .redirectError(temp.resolve("run" + i + ".err").toFile());
            // The caller's PGPASSWORD, PGUSER, ... must not reach a process that connects as the test says.
            builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
            processes.add(builder.start());
            if (i == 1) {
                // The second process starts once the first holds the lock and runs V1, so that its bounded wait for the
                // lock covers only the rest of the first run, not the first JVM's start-up.
                awaitFirstMigrationRunning(settings, processes.get(0), out);
            }
        }
        List<Integer> exits = new ArrayList<>();
        for (Process process : processes) {
            if (!process.waitFor(PROCESS_WAIT_SECONDS, TimeUnit.SECONDS)) {
                processes.forEach(Process::destroyForcibly);
            }
            exits.add(process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : null);
        }
        String both = read(outputs.get(0)) + "\n---\n" + read(outputs.get(1));

        assertThat(exits).as(both).containsExactly(0, 0);
        Map<String, Integer> appliedBy = new LinkedHashMap<>();
        for (Path out : outputs) {
            for (String line : Files.readAllLines(out)) {
                if (line.startsWith("APPLIED ")) {
                    appliedBy.merge(line.substring("APPLIED ".length()), 1, Integer::sum);
                }
            }
        }
        assertThat(appliedBy).as(both).isEqualTo(Map.of("1", 1, "2", 1, "3", 1));
        long waited = outputs.stream().filter(out -> read(out).contains("WAITING: Another lmsdb run holds the migration lock")).count();
        assertThat(waited).as(both).isEqualTo(1);
        List<String> done = new ArrayList<>();
        for (Path out : outputs) {
            Files.readAllLines(out).stream().filter(l -> l.startsWith("DONE ")).forEach(done::add);
        }
        assertThat(done).as(both).containsExactlyInAnyOrder("DONE 3", "DONE 0");

        try (DatabaseGateway gateway = DatabaseGateway.connect(settings);
                Statement st = gateway.connection().createStatement();
                ResultSet rs = st.executeQuery(
                        "select version, count(*) from flyway_schema_history where version is not null group by version order by version")) {
            Map<String, Integer> history = new LinkedHashMap<>();
            while (rs.next()) {
                history.put(rs.getString(1), rs.getInt(2));
            }
            assertThat(history).isEqualTo(Map.of("1", 1, "2", 1, "3", 1));
        }
    }

    private static void awaitFirstMigrationRunning(ConnectionSettings settings, Process first, Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GATE_SECONDS);
        try (DatabaseGateway gateway = DatabaseGateway.connect(settings); Statement st = gateway.connection().createStatement()) {
            while (true) {
                try (ResultSet rs = st.executeQuery("select count(*) from pg_stat_activity where datname = current_database() "
                        + "and state = 'active' and query like '%concurrent-migrate gate%' and pid <> pg_backend_pid()")) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                assertThat(first.isAlive()).as("the first process ended before V1 ran: " + read(out)).isTrue();
                assertThat(System.nanoTime()).as("the first process did not start V1 within " + GATE_SECONDS + " s: " + read(out))
                        .isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "<cannot read " + file + ": " + e.getMessage() + ">";
        }
    }
}
