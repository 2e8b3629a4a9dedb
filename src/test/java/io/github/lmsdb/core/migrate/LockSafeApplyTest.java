package io.github.lmsdb.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.maven.MavenWords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migrations and undo scripts wait for table locks at most the lock timeout, are retried when it cancels them, and name
 * the session that held the lock. Another connection holds ACCESS EXCLUSIVE on the table they alter.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LockSafeApplyTest {
    private static final String HOLDER = "lock-holder-test";

    /** Short timeouts, so that the tries that fail fail fast; the backoff is small but not zero. */
    private static final LockSafety SHORT = new LockSafety(Duration.ofMillis(200), Duration.ZERO, 2, Duration.ofMillis(20));

    @TempDir
    Path temp;

    @Test
    void migrateRetriesAMigrationCancelledByTheLockTimeoutAndSucceedsWhenTheLockIsReleased() throws Exception {
        ConnectionSettings settings = TestServer.newDatabase("lock_retry");
        Path dir = migrationsWithQuizzes();
        try (DatabaseGateway gateway = DatabaseGateway.connect(settings)) {
            MigrationService service = new MigrationService(gateway, List.of("public"), dir).with(SHORT);
            service.migrate(false, false, null, MigrationListener.NONE);
            Files.writeString(dir.resolve("V2__AddTimeLimit.sql"), "alter table quizzes add column time_limit int;\n");
            Holder holder = lockQuizzes(settings);
            List<LockRetry> retries = new ArrayList<>();

            MigrateResult result = service.migrate(false, false, null, new MigrationListener() {
                @Override
                public void retrying(LockRetry retry) {
                    retries.add(retry);
                    // Released once the first retry is reported, before it runs: no timing involved.
                    holder.release();
                }
            });

            assertThat(result.applied()).extracting(a -> a.migration().version()).containsExactly("2");
            assertThat(retries).hasSize(1);
            LockRetry retry = retries.get(0);
            assertThat(retry.what()).isEqualTo("Migration 2 AddTimeLimit");
            assertThat(retry.retry()).isEqualTo(1);
            assertThat(retry.retries()).isEqualTo(2);
            assertThat(retry.delay()).isBetween(Duration.ofMillis(15), Duration.ofMillis(25));
            assertThat(retry.blockers()).singleElement().satisfies(b -> {
                assertThat(b.pid()).isEqualTo(holder.pid());
                assertThat(b.applicationName()).isEqualTo(HOLDER);
                assertThat(b.state()).isEqualTo("idle in transaction");
                assertThat(b.locks()).isEqualTo("AccessExclusiveLock on public.quizzes");
                assertThat(b.query()).isEqualTo("lock table quizzes in access exclusive mode");
            });
            assertThat(String.join("\n", retry.lines()))
                    .contains("Migration 2 AddTimeLimit waited longer than its lock timeout (200 ms) and was rolled back; retry 1 of 2")
                    .contains("Held by server process " + holder.pid() + " (" + HOLDER + ", idle in transaction, ");
            holder.close();
            assertThat(columnExists(gateway, "time_limit")).isTrue();
        }
    }

    @Test
    void migrateFailsAfterTheLastRetryNamingTheSessionThatHeldTheLock() throws Exception {
        ConnectionSettings settings = TestServer.newDatabase("lock_gives_up");
        Path dir = migrationsWithQuizzes();
        try (DatabaseGateway gateway = DatabaseGateway.connect(settings)) {
            MigrationService service = new MigrationService(gateway, List.of("public"), dir).with(SHORT);
            service.migrate(false, false, null, MigrationListener.NONE);
            Files.writeString(dir.resolve("V2__AddTimeLimit.sql"), "alter table quizzes add column time_limit int;\n");
            Holder holder = lockQuizzes(settings);
            List<LockRetry> retries = new ArrayList<>();
            int pid = holder.pid();

            assertThatThrownBy(() -> service.migrate(false, false, null, new MigrationListener() {
                @Override
                public void retrying(LockRetry retry) {
                    retries.add(retry);
                }
            }))
                    .isInstanceOf(LmsdbException.class)
                    .hasMessageContaining("Migration 2 AddTimeLimit could not take its locks: each of its 3 tries waited longer than the lock timeout (200 ms)")
                    .hasMessageContaining("Held by server process " + pid + " (" + HOLDER + ", idle in transaction")
                    .hasMessageContaining("AccessExclusiveLock on public.quizzes; query: lock table quizzes in access exclusive mode")
                    .hasMessageContaining("Applied now: 1 Quizzes")
                    .satisfies(e -> assertThat(((LmsdbException) e).hint().render(MavenWords.INSTANCE))
                            .contains("mvn lmsdb:migrate -Dlmsdb.lockTimeout=30s")
                            .contains("end session " + pid + " (" + HOLDER + ")")
                            .contains("select pg_terminate_backend(" + pid + ")"));
            assertThat(retries).extracting(LockRetry::retry).containsExactly(1, 2);
            assertThat(retries.get(1).delay()).isBetween(Duration.ofMillis(30), Duration.ofMillis(50));
            holder.close();
            assertThat(columnExists(gateway, "time_limit")).isFalse();
            assertThat(service.status().pending()).extracting(MigrationEntry::version).containsExactly("2");
        }
    }

    @Test
    void atomicMigrateRetriesTheWholeGroupAndReportsEachMigrationAppliedOnce() throws Exception {
        ConnectionSettings settings = TestServer.newDatabase("lock_atomic");
        Path dir = migrationsWithQuizzes();
        try (DatabaseGateway gateway = DatabaseGateway.connect(settings)) {
            MigrationService service = new MigrationService(gateway, List.of("public"), dir).with(SHORT);
            service.migrate(false, false, null, MigrationListener.NONE);
            Files.writeString(dir.resolve("V2__Courses.sql"), "create table courses (id int);\n");
            Files.writeString(dir.resolve("V3__AddTimeLimit.sql"), "alter table quizzes add column time_limit int;\n");
            List<LockRetry> retries = new ArrayList<>();
            try (Holder holder = lockQuizzes(settings)) {
                MigrateResult result = service.migrate(false, true, null, new MigrationListener() {
                    @Override
                    public void retrying(LockRetry retry) {
                        retries.add(retry);
                        holder.release();
                    }
                });

                assertThat(retries).extracting(LockRetry::what).containsExactly("The atomic group of pending migrations, at 3 AddTimeLimit");
                assertThat(result.applied()).extracting(a -> a.migration().version()).containsExactly("2", "3");
            }
            assertThat(columnExists(gateway, "time_limit")).isTrue();
        }
    }

    @Test
    void aMigrationOutsideATransactionIsNotRetried() throws Exception {
        ConnectionSettings settings = TestServer.newDatabase("lock_concurrently");
        Path dir = migrationsWithQuizzes();
        try (DatabaseGateway gateway = DatabaseGateway.connect(settings)) {
            MigrationService service = new MigrationService(gateway, List.of("public"), dir).with(SHORT);
            service.migrate(false, false, null, MigrationListener.NONE);
            Files.writeString(dir.resolve("V2__IndexQuizzes.sql"), "create index concurrently quizzes_id on quizzes (id);\n");
            List<LockRetry> retries = new ArrayList<>();
            try (Holder holder = lockQuizzes(settings)) {
                assertThatThrownBy(() -> service.migrate(false, false, null, new MigrationListener() {
                    @Override
                    public void retrying(LockRetry retry) {
                        retries.add(retry);
                    }
                }))
                        .isInstanceOf(LmsdbException.class)
                        .hasMessageContaining("(SQL state 55P03)")
                        .hasMessageContaining("It ran outside a transaction");
            }
            assertThat(retries).isEmpty();
        }
    }

    @Test
    void rollbackRetriesAnUndoScriptCancelledByTheLockTimeoutAndFailsNamingTheBlockerAfterTheLastTry() throws Exception {
        ConnectionSettings settings = TestServer.newDatabase("lock_rollback");
        Path dir = migrationsWithQuizzes();
        try (DatabaseGateway gateway = DatabaseGateway.connect(settings)) {
            Files.writeString(dir.resolve("V2__AddTimeLimit.sql"), "alter table quizzes add column time_limit int;\n");
            Files.writeString(dir.resolve("U2__AddTimeLimit.sql"), "alter table quizzes drop column time_limit;\n");
            Previewer nothing = (migrations, scripts, placeholders, countLoss) -> migrations.stream()
                    .map(m -> new Preview(m, m.script(), List.of(), List.of(), null)).toList();
            MigrationService service = new MigrationService(gateway, List.of("public"), dir, nothing).with(SHORT);
            service.migrate(false, false, null, MigrationListener.NONE);
            RollbackPlan plan = service.planRollback(1);
            List<LockRetry> retries = new ArrayList<>();

            try (Holder holder = lockQuizzes(settings)) {
                int pid = holder.pid();
                assertThatThrownBy(() -> service.rollback(plan, new MigrationListener() {
                    @Override
                    public void retrying(LockRetry retry) {
                        retries.add(retry);
                    }
                }))
                        .isInstanceOf(LmsdbException.class)
                        .hasMessageContaining("The undo script of 2 AddTimeLimit could not take its locks: each of its 3 tries")
                        .hasMessageContaining("the schema and the history still have 2 AddTimeLimit applied")
                        .hasMessageContaining("Held by server process " + pid + " (" + HOLDER + ", idle in transaction")
                        .satisfies(e -> assertThat(((LmsdbException) e).hint().render(MavenWords.INSTANCE))
                                .contains("mvn lmsdb:rollback -Dlmsdb.lockTimeout=30s"));
                assertThat(retries).extracting(LockRetry::what).containsExactly("The undo script of 2 AddTimeLimit", "The undo script of 2 AddTimeLimit");
                assertThat(columnExists(gateway, "time_limit")).isTrue();
                retries.clear();

                RollbackResult result = service.rollback(plan, new MigrationListener() {
                    @Override
                    public void retrying(LockRetry retry) {
                        retries.add(retry);
                        holder.release();
                    }
                });

                assertThat(result.reverted()).extracting(r -> r.migration().version()).containsExactly("2");
                assertThat(retries).singleElement().satisfies(r -> assertThat(r.blockers()).extracting(LockBlocker::pid).containsExactly(pid));
            }
            assertThat(columnExists(gateway, "time_limit")).isFalse();
            assertThat(service.status().last()).get().extracting(MigrationEntry::version).isEqualTo("1");
        }
    }

    @Test
    void durationsNeedTheirUnit() throws Exception {
        assertThat(LockSafety.of("5s", "0", 3)).isEqualTo(LockSafety.DEFAULT);
        assertThat(LockSafety.of("200ms", "2min", 0).lockTimeout()).isEqualTo(Duration.ofMillis(200));
        assertThat(LockSafety.of("0", "1h", 1).statementTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(LockSafety.of(null, null, 3)).isEqualTo(LockSafety.DEFAULT);
        assertThatThrownBy(() -> LockSafety.of("5000", null, 3)).isInstanceOf(LmsdbException.class)
                .hasMessage("Invalid lockTimeout '5000': give a duration with its unit (200ms, 5s, 2min, 1h) or 0 for none.");
        assertThatThrownBy(() -> LockSafety.of("5s", null, -1)).isInstanceOf(LmsdbException.class).hasMessageContaining("lockRetries");
        assertThat(LockSafety.DEFAULT.settingsSql(true)).isEqualTo("set local lock_timeout = '5000ms'; set local statement_timeout = '0ms'");
        for (int i = 0; i < 50; i++) {
            assertThat(LockSafety.DEFAULT.backoff(3)).isBetween(Duration.ofMillis(3000), Duration.ofMillis(5000));
        }
    }

    private Path migrationsWithQuizzes() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("migration"));
        Files.writeString(dir.resolve("V1__Quizzes.sql"), "create table quizzes (id int primary key);\n");
        return dir;
    }

    /** Another session, holding ACCESS EXCLUSIVE on quizzes in an open transaction. */
    private record Holder(Connection connection, int pid) implements AutoCloseable {
        void release() {
            try {
                connection.rollback();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    private static Holder lockQuizzes(ConnectionSettings settings) throws SQLException {
        Connection c = DatabaseGateway.dataSource(settings).getConnection();
        try (Statement st = c.createStatement()) {
            st.execute("set application_name = '" + HOLDER + "'");
            int pid = pid(c);
            c.setAutoCommit(false);
            st.execute("lock table quizzes in access exclusive mode");
            return new Holder(c, pid);
        }
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean columnExists(DatabaseGateway gateway, String column) throws SQLException {
        try (Statement st = gateway.connection().createStatement();
                ResultSet rs = st.executeQuery("select count(*) from information_schema.columns where table_name = 'quizzes' and column_name = '" + column + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }
}
