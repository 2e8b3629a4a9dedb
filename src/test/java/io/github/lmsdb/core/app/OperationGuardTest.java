package io.github.lmsdb.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.backup.BackupListener;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.config.Environment;
import io.github.lmsdb.core.config.Settings;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.migrate.MigrationListener;
import io.github.lmsdb.core.migrate.MigrationLock;
import io.github.lmsdb.core.migrate.MigrationService;
import io.github.lmsdb.core.migrate.RollbackPlan;
import io.github.lmsdb.core.safety.AuditLog;
import io.github.lmsdb.core.safety.AuditRecord;
import io.github.lmsdb.core.safety.Operation;
import io.github.lmsdb.core.seed.SeedListener;
import io.github.lmsdb.maven.MavenWords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one safety protocol: the order of its steps, and every cell of the policy table, on a real database. */
class OperationGuardTest {
    private static final Operation[] CHANGES = {Operation.MIGRATE, Operation.ROLLBACK, Operation.SEED, Operation.SEED_FRESH, Operation.RESET};

    @TempDir
    Path dir;

    private Path migrations;

    @BeforeEach
    void layout() throws Exception {
        migrations = Files.createDirectories(dir.resolve("migration"));
        Files.createDirectories(dir.resolve("seed"));
        Files.writeString(migrations.resolve("V1__CreateNotes.sql"), "create table notes (id int primary key, body text);\n");
        Files.writeString(migrations.resolve("U1__CreateNotes.sql"), "drop table notes;\n");
    }

    /** What the protocol did, in order, as the console and the change saw it. */
    private static final class Recording implements Console {
        final List<String> steps = Collections.synchronizedList(new ArrayList<>());
        final String answer;
        final CountDownLatch waiting = new CountDownLatch(1);

        Recording(String answer) {
            this.answer = answer;
        }

        @Override
        public Optional<String> ask(String question) {
            steps.add("ask");
            return Optional.ofNullable(answer);
        }

        @Override
        public void info(Hint line) {
            String text = line.render(MavenWords.INSTANCE);
            if (text.startsWith("Backing up")) {
                steps.add("backup");
            }
        }

        @Override
        public void warn(Hint line) {
            steps.add("warn: " + line.render(MavenWords.INSTANCE));
        }

        @Override
        public MigrationListener migrations(boolean reverting) {
            return new MigrationListener() {
                @Override
                public void waiting(String message) {
                    steps.add("waiting");
                    waiting.countDown();
                }
            };
        }

        @Override
        public BackupListener backups() {
            return BackupListener.NONE;
        }

        @Override
        public SeedListener seeds() {
            return SeedListener.NONE;
        }
    }

    /** A change that records its steps and changes nothing but a marker table. */
    private static OperationGuard.Change<String, String> change(Recording console, DatabaseGateway g, boolean empty) {
        return new OperationGuard.Change<>() {
            @Override
            public String plan() {
                console.steps.add("plan");
                return "the plan";
            }

            @Override
            public boolean isEmpty(String plan) {
                return empty;
            }

            @Override
            public void show(String plan) {
                console.steps.add("show");
            }

            @Override
            public String apply(String plan) throws SQLException {
                console.steps.add("apply");
                execute(g.connection(), "create table if not exists marker (id int)");
                return "applied";
            }

            @Override
            public String nothing(String plan) {
                console.steps.add("nothing");
                return "nothing";
            }
        };
    }

    private Settings settings(ConnectionSettings connection, Environment env) {
        Settings s = TestServer.settings(connection, migrations);
        return new Settings(s.connection(), s.schemas(), s.migrationsDirectory(), s.seedsDirectory(), s.schemaDirectory(),
                dir.resolve("backups"), env, true);
    }

    private String run(Settings settings, Operation op, boolean backup, String confirm, Recording console, boolean empty) throws Exception {
        try (DatabaseGateway g = DatabaseGateway.connect(settings.connection())) {
            MigrationService m = new MigrationService(g, settings.schemas(), settings.migrationsDirectory());
            OperationGuard guard = new OperationGuard(settings, RunContext.of(op.goal()), console, Clock.systemUTC());
            return guard.run(new OperationGuard.Spec(op, Map.of(), backup, confirm, false), g, m, change(console, g, empty));
        }
    }

    @Test
    void everyCellOfThePolicyTable() throws Exception {
        for (Environment env : Environment.values()) {
            for (Operation op : CHANGES) {
                String cell = env.id() + " x " + op.label();
                ConnectionSettings db = TestServer.newDatabase("guard_cell");
                String database = db.url().database();
                Recording console = new Recording(null);
                boolean forbidden = env == Environment.PRODUCTION && (op == Operation.RESET || op == Operation.SEED || op == Operation.SEED_FRESH);
                boolean confirms = env == Environment.PRODUCTION || env == Environment.STAGING && op.destructive();
                if (forbidden) {
                    assertThatThrownBy(() -> run(settings(db, env), op, true, null, console, false)).as(cell)
                            .isInstanceOf(LmsdbException.class).hasMessageContaining("refused in production");
                    assertThat(console.steps).as(cell).isEmpty();
                    assertThat(outcomes(db)).as(cell).containsExactly("refused");
                    continue;
                }
                if (confirms) {
                    assertThatThrownBy(() -> run(settings(db, env), op, true, null, console, false)).as(cell)
                            .isInstanceOf(LmsdbException.class).hasMessageContaining("needs confirmation");
                    assertThat(console.steps).as(cell).containsExactly("plan", "show", "ask");
                    assertThat(tableExists(db, "marker")).as(cell).isFalse();
                    assertThat(outcomes(db)).as(cell).containsExactly("refused");
                    console.steps.clear();
                }
                String token = env == Environment.PRODUCTION ? database + "@production" : database;
                String result = run(settings(db, env), op, true, confirms ? token : null, console, false);
                assertThat(result).as(cell).isEqualTo("applied");
                boolean backsUp = op != Operation.SEED;
                List<String> expected = new ArrayList<>(List.of("plan", "show"));
                if (backsUp) {
                    expected.add("backup");
                }
                expected.add("apply");
                assertThat(console.steps).as(cell).containsExactlyElementsOf(expected);
                assertThat(outcomes(db)).as(cell).endsWith("success");
                assertThat(stamp(db)).as(cell).isEqualTo(env.id());
            }
        }
    }

    @Test
    void developmentBacksUpOnlyWhenTheBackupParameterIsOn() throws Exception {
        ConnectionSettings db = TestServer.newDatabase("guard_dev_backup");
        Recording console = new Recording(null);
        run(settings(db, Environment.DEVELOPMENT), Operation.MIGRATE, false, null, console, false);
        assertThat(console.steps).containsExactly("plan", "show", "apply");
        assertThat(dir.resolve("backups")).doesNotExist();
    }

    @Test
    void nothingToDoAsksNothingBacksUpNothingAndIsAuditedAsSuch() throws Exception {
        ConnectionSettings db = TestServer.newDatabase("guard_nothing");
        Recording console = new Recording(null);
        String result = run(settings(db, Environment.PRODUCTION), Operation.MIGRATE, true, null, console, true);
        assertThat(result).isEqualTo("nothing");
        assertThat(console.steps).containsExactly("plan", "nothing");
        assertThat(outcomes(db)).containsExactly("nothing to apply");
    }

    @Test
    void aStampedProductionDatabaseIsProductionWhateverTheConfigurationSays() throws Exception {
        ConnectionSettings db = TestServer.newDatabase("guard_stamped");
        try (DatabaseGateway g = DatabaseGateway.connect(db)) {
            AuditLog.ensureTables(g.connection());
            AuditLog.stamp(g.connection(), "production", "migrate");
        }
        Settings development = settings(db, Environment.DEVELOPMENT);
        Recording seed = new Recording(null);
        assertThatThrownBy(() -> run(development, Operation.SEED, false, null, seed, false))
                .isInstanceOf(LmsdbException.class).hasMessageContaining("lmsdb:seed is refused in production");
        Recording migrate = new Recording(null);
        assertThatThrownBy(() -> run(development, Operation.MIGRATE, false, null, migrate, false))
                .isInstanceOf(LmsdbException.class).hasMessageContaining("Migrate in production needs confirmation")
                .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint()))
                        .isEqualTo("  Confirm with -Dlmsdb.confirm=" + db.url().database() + "@production"));
        assertThat(tableExists(db, "marker")).isFalse();
        assertThat(outcomes(db)).containsExactly("refused", "refused");
        assertThat(stamp(db)).isEqualTo("production");
    }

    @Test
    void aProtectedDatabaseIsRefusedBeforeAnythingElseAndTheRefusalIsAudited() throws Exception {
        ConnectionSettings db = TestServer.newDatabase("guard_protected");
        try (DatabaseGateway g = DatabaseGateway.connect(db)) {
            AuditLog.ensureTables(g.connection());
            AuditLog.stamp(g.connection(), "staging", "migrate");
        }
        Recording console = new Recording(db.url().database());
        assertThatThrownBy(() -> run(settings(db, Environment.DEVELOPMENT), Operation.ROLLBACK, true, db.url().database(), console, false))
                .isInstanceOf(LmsdbException.class).hasMessageContaining("is a protected database");
        assertThat(console.steps).isEmpty();
        assertThat(outcomes(db)).containsExactly("refused");
    }

    @Test
    void aFailedBackupInProductionStopsBeforeTheChangeAndIsAudited() throws Exception {
        ConnectionSettings db = TestServer.newDatabase("guard_backup_fails");
        Settings s = settings(db, Environment.PRODUCTION);
        Recording console = new Recording(null);
        RunContext noTools = new RunContext("migrate", "dev", RunContext.newRunId(), null, dir.resolve("no-tools-here"), Duration.ofMinutes(1));
        try (DatabaseGateway g = DatabaseGateway.connect(s.connection())) {
            MigrationService m = new MigrationService(g, s.schemas(), s.migrationsDirectory());
            OperationGuard guard = new OperationGuard(s, noTools, console, Clock.systemUTC());
            assertThatThrownBy(() -> guard.run(new OperationGuard.Spec(Operation.MIGRATE, Map.of(), true, db.url().database() + "@production", false),
                    g, m, change(console, g, false)))
                    .isInstanceOf(LmsdbException.class)
                    .hasMessageStartingWith("The backup before the migrate failed, and in production that stops it: nothing was changed.");
        }
        assertThat(console.steps).containsExactly("plan", "show", "backup");
        assertThat(tableExists(db, "marker")).isFalse();
        assertThat(outcomes(db)).containsExactly("failure");
    }

    @Test
    void aFailedChangeIsAuditedAndNotStamped() throws Exception {
        ConnectionSettings db = TestServer.newDatabase("guard_failed");
        Settings s = settings(db, Environment.DEVELOPMENT);
        try (DatabaseGateway g = DatabaseGateway.connect(s.connection())) {
            MigrationService m = new MigrationService(g, s.schemas(), s.migrationsDirectory());
            OperationGuard guard = new OperationGuard(s, RunContext.of("migrate"), new Recording(null), Clock.systemUTC());
            assertThatThrownBy(() -> guard.run(new OperationGuard.Spec(Operation.MIGRATE, Map.of(), false, null, false), g, m,
                    new OperationGuard.Change<String, String>() {
                        @Override
                        public String plan() {
                            return "p";
                        }

                        @Override
                        public String apply(String plan) throws LmsdbException {
                            throw new LmsdbException("it broke", Hint.NONE);
                        }
                    })).hasMessage("it broke");
        }
        assertThat(outcomes(db)).containsExactly("failure");
        assertThat(stamp(db)).isNull();
    }

    /** Case 5 of the fault-safety issue: a rollback that waited for the lock reverts what is newest when it runs. */
    @Test
    void aRollbackThatWaitedForTheLockRevertsTheMigrationThatIsNewestWhenItRuns() throws Exception {
        ConnectionSettings db = TestServer.newDatabase("guard_rollback_lock");
        Settings s = settings(db, Environment.DEVELOPMENT);
        try (Lmsdb setup = Lmsdb.open(s)) {
            setup.migrate(new Options.Migrate(false, false, null, false, null));
        }
        Files.writeString(migrations.resolve("V2__AddTitle.sql"), "alter table notes add column title text;\n");
        Files.writeString(migrations.resolve("U2__AddTitle.sql"), "alter table notes drop column title;\n");
        Recording console = new Recording(null);
        try (DatabaseGateway holder = DatabaseGateway.connect(db);
                MigrationLock held = MigrationLock.acquire(holder.connection(), s.historySchema(), Duration.ofSeconds(5), MigrationListener.NONE)) {
            CompletableFuture<RollbackOutcome> rollback = CompletableFuture.supplyAsync(() -> {
                try (Lmsdb lmsdb = new Lmsdb(s, RunContext.of("rollback"), console)) {
                    return lmsdb.rollback(new Options.Rollback(1, false, false, null));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(console.waiting.await(30, TimeUnit.SECONDS)).as("the rollback waits for the lock").isTrue();
            // While the rollback waits, another run (holding the lock) applies V2.
            new MigrationService(holder, s.schemas(), s.migrationsDirectory()).migrate(false, false, null, MigrationListener.NONE);
            held.close();
            RollbackPlan plan = rollback.get(60, TimeUnit.SECONDS).plan();
            assertThat(plan.steps()).extracting(step -> step.migration().version()).containsExactly("2");
        }
        assertThat(historyVersions(db)).containsExactly("1");
        assertThat(tableExists(db, "notes")).isTrue();
    }

    /** Case 6: of two migrates, the one that waited and found nothing to do says so in the audit. */
    @Test
    void aMigrateWithNothingToApplyIsAuditedAsNothingToApply() throws Exception {
        ConnectionSettings db = TestServer.newDatabase("guard_migrate_twice");
        Settings s = settings(db, Environment.DEVELOPMENT);
        try (Lmsdb lmsdb = Lmsdb.open(s)) {
            assertThat(lmsdb.migrate(new Options.Migrate(false, false, null, false, null)).applied()).hasSize(1);
            assertThat(lmsdb.migrate(new Options.Migrate(false, false, null, false, null)).applied()).isEmpty();
            List<AuditRecord> records = AuditLog.latest(lmsdb.gateway().connection(), 5);
            assertThat(records).extracting(AuditRecord::outcome).containsExactly("nothing to apply", "success");
            assertThat(records.get(0).versionBefore()).isEqualTo("1");
            assertThat(records.get(0).versionAfter()).isEqualTo("1");
        }
    }

    private static List<String> outcomes(ConnectionSettings db) throws Exception {
        try (DatabaseGateway g = DatabaseGateway.connect(db)) {
            List<AuditRecord> latest = new ArrayList<>(AuditLog.latest(g.connection(), 100));
            Collections.reverse(latest);
            return latest.stream().map(AuditRecord::outcome).toList();
        } catch (SQLException e) {
            return List.of();
        }
    }

    private static String stamp(ConnectionSettings db) throws Exception {
        try (DatabaseGateway g = DatabaseGateway.connect(db)) {
            AuditLog.Stamp stamp = AuditLog.stamp(g.connection());
            return stamp == null ? null : stamp.environment();
        }
    }

    private static boolean tableExists(ConnectionSettings db, String table) throws Exception {
        try (DatabaseGateway g = DatabaseGateway.connect(db); Statement st = g.connection().createStatement();
                ResultSet rs = st.executeQuery("select to_regclass('public." + table + "') is not null")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static List<String> historyVersions(ConnectionSettings db) throws Exception {
        List<String> versions = new ArrayList<>();
        try (DatabaseGateway g = DatabaseGateway.connect(db); Statement st = g.connection().createStatement();
                ResultSet rs = st.executeQuery("select version from public.flyway_schema_history where version is not null order by installed_rank")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
