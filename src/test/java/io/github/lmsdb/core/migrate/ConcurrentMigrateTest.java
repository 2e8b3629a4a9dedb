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
    private static final long PROCESS_WAIT_SECONDS = 120;

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void twoProcessesMigratingAtOnceApplyEachMigrationExactlyOnce() throws Exception {
        ConnectionSettings settings = TestServer.newDatabase("concurrent");
        Path dir = Files.createDirectories(temp.resolve("migration"));
        // The first migration keeps the lock until the other process is polling for it (bounded at 60 s), so the two runs
        // overlap whatever the JVM start-up times are, instead of hoping that a fixed sleep is long enough. Waiters poll
        // with pg_try_advisory_lock, so two sessions (holder and waiter) show it as their last statement.
        Files.writeString(dir.resolve("V1__Slow.sql"), """
                do $$
                begin
                    for i in 1..600 loop
                        exit when (select count(*) from pg_stat_activity where datname = current_database()
                                   and query like 'select pg_try_advisory_lock%') >= 2;
                        perform pg_sleep(0.1);
                    end loop;
                end
                $$;
                create table slow (id int);
                """);
        Files.writeString(dir.resolve("V2__B.sql"), "create table b (id int);\n");
        Files.writeString(dir.resolve("V3__C.sql"), "create table c (id int);\n");

        List<Process> processes = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            Path out = temp.resolve("run" + i + ".out");
            outputs.add(out);
            processes.add(new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"), MigrateMain.class.getName(),
                    String.valueOf(TestServer.server().port()), settings.url().database(), dir.toString())
                    .redirectOutput(out.toFile())
                    .redirectError(temp.resolve("run" + i + ".err").toFile())
                    .start());
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
