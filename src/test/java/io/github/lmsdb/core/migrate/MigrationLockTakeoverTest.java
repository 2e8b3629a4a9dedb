package io.github.lmsdb.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.db.ApplicationName;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.db.RunOwner;
import io.github.lmsdb.core.error.LmsdbException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migrate killed with {@code kill -9} while its backend runs a long statement leaves the migration
 * lock held by that backend. The next run ends it and takes the lock; while the holder's JVM lives,
 * it waits as always.
 */
class MigrationLockTakeoverTest {
    @TempDir
    Path temp;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aDeadRunsLockHolderIsEndedAndTheLockTakenButALiveOneIsWaitedFor() throws Exception {
        ConnectionSettings db = TestServer.newDatabase("lock_takeover");
        Path out = temp.resolve("holder.out");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LockHolderMain.class.getName(), String.valueOf(TestServer.server().port()),
                db.url().database()).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        Process holder = builder.start();
        try (DatabaseGateway gateway = DatabaseGateway.connect(db)) {
            Connection c = gateway.connection();
            int backend = awaitSleepingHolder(c, holder, out);

            MigrationLock.Holder seen = MigrationLock.holder(c, "public").orElseThrow();
            assertThat(seen.serverPid()).isEqualTo(backend);
            assertThat(seen.run().flatMap(ApplicationName::owner).map(RunOwner::pid)).contains(holder.pid());
            assertThat(seen.liveness()).isEqualTo(RunOwner.Liveness.ALIVE);

            // Alive: waited for, never ended.
            List<String> messages = new ArrayList<>();
            MigrationListener listener = new MigrationListener() {
                @Override
                public void waiting(String message) {
                    messages.add("WAITING " + message);
                }

                @Override
                public void notice(String message) {
                    messages.add("NOTICE " + message);
                }
            };
            assertThatThrownBy(() -> MigrationLock.acquire(c, "public", Duration.ofSeconds(2), listener))
                    .isInstanceOf(LmsdbException.class).hasMessageContaining("still holds the migration lock");
            assertThat(messages).singleElement().asString().startsWith("WAITING Another lmsdb run holds the migration lock of schema public on this database "
                    + "(server process " + backend + ", lmsdb:migrate:");
            assertThat(active(c, backend)).isTrue();

            // kill -9: the JVM is gone, its backend still sleeps with the lock.
            holder.destroyForcibly();
            assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(active(c, backend)).as("the backend outlives its JVM while its statement runs").isTrue();
            assertThat(MigrationLock.holder(c, "public").orElseThrow().liveness()).isEqualTo(RunOwner.Liveness.DEAD);

            messages.clear();
            try (MigrationLock lock = MigrationLock.acquire(c, "public", Duration.ofSeconds(30), listener)) {
                assertThat(messages).singleElement().asString().startsWith("NOTICE Ended 1 server process(es) of a dead lmsdb run (migrate, pid "
                        + holder.pid() + ") that still held locks: server process " + backend + " (migrate, active, 1 advisory lock(s)");
                assertThat(MigrationLock.holder(c, "public")).isEmpty();
            }
            // The lock is released as the ended backend exits; its pg_stat_activity row may outlive that by a moment.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (active(c, backend) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(active(c, backend)).as("the ended backend is gone").isFalse();
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aDeadRunsFlywaySessionStillInAMigrationIsEndedSoTheNextMigrateTakesFlywaysLock() throws Exception {
        ConnectionSettings db = TestServer.newDatabase("flyway_takeover");
        Path migrations = Files.createDirectories(temp.resolve("migration"));
        // Sleeps only in the other JVM: the next migrate, in this one, applies it at once.
        Files.writeString(migrations.resolve("V1__slow.sql"), "create table slow (id int);\n"
                + "do $$ begin if current_setting('application_name') not like '%-" + ProcessHandle.current().pid()
                + "@%' then perform pg_sleep(600); end if; end $$;\n");
        Path out = temp.resolve("flyway.out");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), FlywayHolderMain.class.getName(), String.valueOf(TestServer.server().port()),
                db.url().database(), migrations.toString()).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        Process dead = builder.start();
        // Named as a run of this JVM, as every lmsdb run's sessions are (Flyway's too): the migration does not sleep in them.
        try (DatabaseGateway gateway = DatabaseGateway.connect(db.withApplicationName(ApplicationName.newRun("migrate").value()))) {
            Connection c = gateway.connection();
            int flyway = awaitSleeping(c, dead, out, "lmsdb:migrate:%-" + dead.pid() + "@%");
            dead.destroyForcibly();
            assertThat(dead.waitFor(60, TimeUnit.SECONDS)).isTrue();
            awaitNoLmsdbLock(c);
            assertThat(active(c, flyway)).as("Flyway's backend outlives its JVM while the migration runs").isTrue();

            List<String> notices = new ArrayList<>();
            MigrationListener listener = new MigrationListener() {
                @Override
                public void notice(String message) {
                    notices.add(message);
                }
            };
            MigrateResult result = new MigrationService(gateway, List.of("public"), migrations).migrate(false, false, null, listener);
            assertThat(result.applied()).hasSize(1);
            assertThat(notices).singleElement().asString().startsWith("Ended 1 server process(es) of a dead lmsdb run (migrate, pid "
                    + dead.pid() + ") that still held locks: server process " + flyway + " (migrate, active, ");
            assertThat(active(c, flyway)).isFalse();
        } finally {
            dead.destroyForcibly();
        }
    }

    /** Waits until a backend whose application_name is like {@code name} runs pg_sleep while holding an advisory lock; returns its pid. */
    private static int awaitSleeping(Connection c, Process process, Path out, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try (PreparedStatement ps = c.prepareStatement("select a.pid from pg_stat_activity a join pg_locks l on l.pid = a.pid "
                + "where a.datname = current_database() and a.state = 'active' and a.wait_event = 'PgSleep' "
                + "and a.application_name like ? and l.locktype = 'advisory' and l.granted")) {
            ps.setString(1, name);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getInt(1);
                    }
                }
                assertThat(process.isAlive()).as("the migrate ended early: " + Files.readString(out)).isTrue();
                assertThat(System.nanoTime()).as("the migration did not start sleeping: " + Files.readString(out)).isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    /** Waits until the dead run's idle lock session has gone (the server notices the closed socket). */
    private static void awaitNoLmsdbLock(Connection c) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (MigrationLock.holder(c, "public").isPresent()) {
            assertThat(System.nanoTime()).as("the dead run's lmsdb lock session is still there").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Waits, without a fixed sleep, until the holder's backend runs pg_sleep(600) while holding the lock; returns its pid. */
    private static int awaitSleepingHolder(Connection c, Process holder, Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try (PreparedStatement ps = c.prepareStatement("select a.pid from pg_stat_activity a join pg_locks l on l.pid = a.pid "
                + "where a.datname = current_database() and a.state = 'active' and a.query = 'select pg_sleep(600)' "
                + "and a.application_name like 'lmsdb:migrate:%' and l.locktype = 'advisory' and l.granted")) {
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getInt(1);
                    }
                }
                assertThat(holder.isAlive()).as("the holder ended early: " + Files.readString(out)).isTrue();
                assertThat(System.nanoTime()).as("the holder did not start sleeping: " + Files.readString(out)).isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    private static boolean active(Connection c, int backend) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from pg_stat_activity where pid = ?")) {
            ps.setInt(1, backend);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }
}
