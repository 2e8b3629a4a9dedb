package io.github.lmsdb.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.app.Console;
import io.github.lmsdb.core.app.Options;
import io.github.lmsdb.core.app.RunContext;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.config.Environment;
import io.github.lmsdb.core.config.JdbcUrl;
import io.github.lmsdb.core.config.PasswordSource;
import io.github.lmsdb.core.config.Settings;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.fleet.FleetOptions.OnError;
import io.github.lmsdb.core.fleet.TargetOutcome.State;
import io.github.lmsdb.core.report.FleetRenderer;
import io.github.lmsdb.core.report.Style;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A migrate and a status across many databases and schemas of the embedded server. */
class FleetTest {
    @TempDir
    Path temp;

    private Path migrations;

    @BeforeEach
    void migrations() throws Exception {
        migrations = Files.createDirectories(temp.resolve("migration"));
        Files.writeString(migrations.resolve("V1__Items.sql"), "create table items (id bigint primary key, name text not null);\n");
        // Fails where a marker table exists outside the managed schemas: a target that passes pre-flight and fails mid-way.
        Files.writeString(migrations.resolve("V2__Things.sql"), "do $$ begin if to_regclass('marker.fail_here') is not null then "
                + "raise exception 'things cannot be created here (marker.fail_here)'; end if; end $$;\n"
                + "create table things (id bigint primary key, item_id bigint references items);\n");
        Files.writeString(migrations.resolve("V3__Index.sql"), "create index idx_things_item on things (item_id);\n");
    }

    private List<Target> databases(String prefix, int count) throws Exception {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            urls.add(url(TestServer.newDatabase(prefix)));
        }
        return Targets.ofUrls(urls, this::settings);
    }

    private static String url(ConnectionSettings c) {
        return "jdbc:postgresql://" + c.url().hostAndPort() + "/" + c.url().database();
    }

    private Settings settings(JdbcUrl url) {
        return settings(url, Environment.DEVELOPMENT);
    }

    private Settings settings(JdbcUrl url, Environment env) {
        ConnectionSettings c = new ConnectionSettings(url, "postgres", null, PasswordSource.NONE, null, Duration.ofSeconds(10));
        return new Settings(c, List.of("public"), migrations, temp.resolve("seed"), temp.resolve("schema"), temp.resolve("backups"), env, true);
    }

    private static FleetOptions options(int parallel, OnError onError, int maxFailures) {
        return new FleetOptions(parallel, List.of(), onError, maxFailures, false, null);
    }

    private static Options.Migrate noBackup() {
        return new Options.Migrate(false, false, null, false, null);
    }

    private FleetMigrateReport migrate(List<Target> targets, FleetOptions options) throws LmsdbException {
        return new Fleet(targets, RunContext.of("migrate"), Console.SILENT, options).migrate(noBackup());
    }

    private static String version(Target t) throws Exception {
        try (DatabaseGateway g = DatabaseGateway.connect(t.settings().connection()); Statement st = g.connection().createStatement()) {
            String history = "\"" + t.settings().schemas().get(0) + "\".flyway_schema_history";
            try (ResultSet exists = st.executeQuery("select to_regclass('" + history + "') is not null")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return null;
                }
            }
            try (ResultSet rs = st.executeQuery("select max(version::int) from " + history + " where success")) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void breakTarget(Target t) throws Exception {
        execute(t, "create schema marker; create table marker.fail_here ()");
    }

    private static void execute(Target t, String sql) throws Exception {
        try (DatabaseGateway g = DatabaseGateway.connect(t.settings().connection()); Statement st = g.connection().createStatement()) {
            st.execute(sql);
        }
    }

    @Test
    void twentyDatabasesAreMigratedCanaryFirstThenInWavesAndARerunSkipsThemAll() throws Exception {
        List<Target> targets = databases("fleet_twenty", 20);

        FleetMigrateReport report = migrate(targets, options(4, OnError.HALT, 0));

        assertThat(report.count(State.DONE)).isEqualTo(20);
        assertThat(report.canaries()).containsExactly(targets.get(0).name());
        assertThat(report.targets()).allSatisfy(o -> {
            assertThat(o.before()).isNull();
            assertThat(o.after()).isEqualTo("3");
            assertThat(o.applied()).containsExactly("1", "2", "3");
        });
        report.requireSuccess();
        for (Target t : targets) {
            assertThat(version(t)).isEqualTo("3");
        }
        List<String> lines = FleetRenderer.migrateText(report, Style.PLAIN);
        assertThat(String.join("\n", lines)).contains("20 done", targets.get(19).name());
        assertThat(FleetRenderer.migrateJson(report)).contains("\"state\":\"done\"", "\"done\":20");

        FleetMigrateReport rerun = migrate(targets, options(4, OnError.HALT, 0));
        assertThat(rerun.count(State.UP_TO_DATE)).isEqualTo(20);
        rerun.requireSuccess();
    }

    @Test
    void haltLeavesLaterWavesUntouchedAndTheRerunCompletesOnlyTheMissingOnes() throws Exception {
        List<Target> targets = databases("fleet_halt", 20);
        // Target 10 is in the third wave (canary 0; waves 1-4, 5-8, 9-12); its second migration fails there.
        breakTarget(targets.get(10));

        FleetMigrateReport report = migrate(targets, options(4, OnError.HALT, 0));

        assertThat(report.in(State.FAILED)).singleElement().satisfies(o -> {
            assertThat(o.target()).isEqualTo(targets.get(10).name());
            assertThat(o.error()).contains("things");
            assertThat(o.after()).isEqualTo("1");
        });
        assertThat(report.halted()).contains("halt");
        for (int i = 0; i <= 12; i++) {
            assertThat(version(targets.get(i))).as("target %d", i).isEqualTo(i == 10 ? "1" : "3");
        }
        for (int i = 13; i < 20; i++) {
            assertThat(version(targets.get(i))).as("target %d", i).isNull();
            assertThat(report.targets().get(i).state()).isEqualTo(State.NOT_STARTED);
        }
        assertThatThrownBy(report::requireSuccess).isInstanceOf(LmsdbException.class)
                .hasMessageContaining("1 failed, 7 not started")
                .satisfies(e -> assertThat(((LmsdbException) e).describe()).contains(targets.get(10).name()));

        execute(targets.get(10), "drop schema marker cascade");
        FleetMigrateReport rerun = migrate(targets, options(4, OnError.HALT, 0));
        assertThat(rerun.count(State.UP_TO_DATE)).isEqualTo(12);
        assertThat(rerun.in(State.DONE)).extracting(TargetOutcome::target)
                .containsExactlyElementsOf(List.of(10, 13, 14, 15, 16, 17, 18, 19).stream().map(i -> targets.get(i).name()).toList());
        rerun.requireSuccess();
    }

    @Test
    void continueFinishesAllOthersAndTheReportNamesTheFailedOne() throws Exception {
        List<Target> targets = databases("fleet_continue", 8);
        breakTarget(targets.get(3));

        FleetMigrateReport report = migrate(targets, options(3, OnError.CONTINUE, 0));

        assertThat(report.count(State.DONE)).isEqualTo(7);
        assertThat(report.in(State.FAILED)).extracting(TargetOutcome::target).containsExactly(targets.get(3).name());
        assertThat(report.halted()).isNull();
        assertThat(FleetRenderer.migrateJson(report)).contains("\"state\":\"failed\"", targets.get(3).name());
        assertThatThrownBy(report::requireSuccess).hasMessageContaining("7 done, 0 up to date, 1 failed, 0 not started");
    }

    @Test
    void maxFailuresHaltsAContinuingRun() throws Exception {
        List<Target> targets = databases("fleet_budget", 7);
        breakTarget(targets.get(1));
        breakTarget(targets.get(2));

        // canary 0; waves (1, 2), (3, 4), (5, 6): two failures in the first wave reach the budget.
        FleetMigrateReport report = migrate(targets, options(2, OnError.CONTINUE, 2));

        assertThat(report.count(State.FAILED)).isEqualTo(2);
        assertThat(report.count(State.NOT_STARTED)).isEqualTo(4);
        assertThat(report.halted()).contains("maxFailures=2");
    }

    @Test
    void aFailedCanaryStopsTheRunBeforeAnyWave() throws Exception {
        List<Target> targets = databases("fleet_canary", 5);
        breakTarget(targets.get(2));

        FleetMigrateReport report = new Fleet(targets, RunContext.of("migrate"), Console.SILENT,
                new FleetOptions(4, List.of(targets.get(2).database()), OnError.CONTINUE, 0, false, null)).migrate(noBackup());

        assertThat(report.canaries()).containsExactly(targets.get(2).name());
        assertThat(report.count(State.FAILED)).isEqualTo(1);
        assertThat(report.count(State.NOT_STARTED)).isEqualTo(4);
        assertThat(report.halted()).contains("canary");
        for (int i : new int[] {0, 1, 3, 4}) {
            assertThat(version(targets.get(i))).isNull();
        }
    }

    @Test
    void aPreflightFailureChangesNothingAnywhere() throws Exception {
        List<Target> targets = new ArrayList<>(databases("fleet_preflight", 5));
        int port = TestServer.server().port();
        targets.add(2, Target.database(settings(new JdbcUrl("localhost", port, "fleet_no_such_database", ""))));
        // An applied migration edited since: validation fails on that target.
        Target edited = targets.get(4);
        new Fleet(List.of(edited), RunContext.of("migrate"), Console.SILENT, options(1, OnError.HALT, 0)).migrate(noBackup()).requireSuccess();
        Files.writeString(migrations.resolve("V1__Items.sql"), "create table items (id bigint primary key, name text);\n");

        FleetMigrateReport report = migrate(targets, options(4, OnError.CONTINUE, 0));

        assertThat(report.preflightFailed()).isTrue();
        assertThat(report.in(State.PREFLIGHT_FAILED)).extracting(TargetOutcome::target)
                .containsExactly(targets.get(2).name(), edited.name());
        assertThat(report.count(State.NOT_STARTED)).isEqualTo(4);
        for (Target t : targets) {
            if (t != targets.get(2)) {
                assertThat(version(t)).isEqualTo(t == edited ? "3" : null);
            }
        }
        assertThatThrownBy(report::requireSuccess).hasMessageContaining("Pre-flight failed on 2 of 6 target(s): nothing was changed anywhere")
                .satisfies(e -> assertThat(((LmsdbException) e).describe()).contains("fleet_no_such_database"));
    }

    @Test
    void productionIsConfirmedOnceForTheFleetWithATokenNamingIt() throws Exception {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            urls.add(url(TestServer.newDatabase("fleet_prod")));
        }
        List<Target> targets = Targets.ofUrls(urls, u -> settings(u, Environment.PRODUCTION));
        String token = Fleet.confirmation(targets);
        assertThat(token).matches("fleet-3-[0-9a-f]{8}@production");

        assertThatThrownBy(() -> new Fleet(targets, RunContext.of("migrate"), Console.SILENT,
                new FleetOptions(2, List.of(), OnError.HALT, 0, false, targets.get(0).database() + "@production")).migrate(noBackup()))
                .isInstanceOf(LmsdbException.class).hasMessageContaining("does not match").hasMessageContaining("Nothing was changed");
        assertThatThrownBy(() -> new Fleet(targets, RunContext.of("migrate"), Console.SILENT,
                new FleetOptions(2, List.of(), OnError.HALT, 0, false, null)).migrate(noBackup()))
                .hasMessageContaining("cannot ask");
        for (Target t : targets) {
            assertThat(version(t)).isNull();
        }
        // Another fleet (one target less) has another token.
        assertThat(Fleet.confirmation(targets.subList(0, 2))).isNotEqualTo(token);

        FleetMigrateReport report = new Fleet(targets, RunContext.of("migrate"), Console.SILENT,
                new FleetOptions(2, List.of(), OnError.HALT, 0, false, token)).migrate(new Options.Migrate(false, false, null, false, null));
        report.requireSuccess();
        for (Target t : targets) {
            assertThat(version(t)).isEqualTo("3");
            try (DatabaseGateway g = DatabaseGateway.connect(t.settings().connection()); Statement st = g.connection().createStatement();
                    ResultSet rs = st.executeQuery("select count(*) from lmsdb.lmsdb_audit where goal = 'migrate' and outcome = 'success'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("audited on %s", t.name()).isEqualTo(1);
            }
        }
        assertThat(Files.list(temp.resolve("backups")).filter(f -> f.toString().endsWith(".dump") || f.toString().endsWith(".sql")).count())
                .as("a backup before each production target").isGreaterThanOrEqualTo(3);
    }

    @Test
    void twoHundredSchemasOfOneDatabaseEachGetTheirOwnHistory() throws Exception {
        ConnectionSettings c = TestServer.newDatabase("fleet_schemas");
        Settings registry = settings(c.url());
        Target whole = Target.database(registry);
        StringBuilder sql = new StringBuilder();
        for (int i = 1; i <= 200; i++) {
            sql.append("create schema tenant_").append(String.format("%03d", i)).append(";\n");
        }
        sql.append("create schema other;\n");
        execute(whole, sql.toString());
        List<Target> targets = Targets.schemasLike(registry, "tenant_%");
        assertThat(targets).hasSize(200);
        assertThat(targets.get(0).name()).endsWith("/tenant_001");

        long start = System.nanoTime();
        FleetMigrateReport report = migrate(targets, options(4, OnError.HALT, 0));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        report.requireSuccess();
        assertThat(report.count(State.DONE)).isEqualTo(200);
        // The migration lock is per schema: the schemas of one database overlap, 4 at a time, instead of taking turns.
        Duration busy = report.targets().stream().map(TargetOutcome::took).reduce(Duration.ZERO, Duration::plus);
        assertThat(busy).as("time spent migrating, summed over the targets").isGreaterThan(report.total().multipliedBy(3).dividedBy(2));
        for (Target t : List.of(targets.get(0), targets.get(99), targets.get(199))) {
            assertThat(version(t)).isEqualTo("3");
            execute(t, "insert into \"" + t.schema() + "\".items values (1, 'x')");
        }
        try (DatabaseGateway g = DatabaseGateway.connect(c); Statement st = g.connection().createStatement();
                ResultSet rs = st.executeQuery("select count(*) from pg_tables where schemaname in ('other', 'public')")) {
            rs.next();
            assertThat(rs.getInt(1)).as("no table outside the tenant schemas").isZero();
        }
        FleetStatusReport status = new Fleet(targets, RunContext.of("status"), Console.SILENT, options(8, OnError.HALT, 0)).status();
        assertThat(status.withPending()).isZero();
        assertThat(status.targets()).hasSize(200);
        System.out.println("200 schemas migrated in " + took.toMillis() + " ms");
    }

    @Test
    void driftOnAFleetListsEachTargetsDifferencesAndFailsWhenAnyDrifted() throws Exception {
        List<Target> targets = databases("fleet_drift", 3);
        migrate(targets, options(3, OnError.HALT, 0)).requireSuccess();
        execute(targets.get(1), "create index idx_items_name on items (name)");
        Fleet fleet = new Fleet(targets, RunContext.of("drift"), Console.SILENT, options(2, OnError.HALT, 0));

        FleetDriftReport report = fleet.drift(new Options.Drift(null, null));

        assertThat(report.targets()).extracting(FleetDriftReport.Line::target).containsExactlyElementsOf(targets.stream().map(Target::name).toList());
        assertThat(report.drifted()).isEqualTo(1);
        assertThat(report.targets().get(1).differences()).singleElement().asString().contains("idx_items_name");
        assertThat(report.targets().get(0).differences()).isEmpty();
        assertThat(report.targets().get(2).appliedVersion()).isEqualTo("3");
        assertThatThrownBy(report::requireNone).hasMessageContaining("1 of 3 target(s) drifted").hasMessageContaining(targets.get(1).name());
        assertThat(String.join("\n", FleetRenderer.driftText(report, Style.PLAIN))).contains("1 drifted", "idx_items_name");
        assertThat(FleetRenderer.driftJson(report, io.github.lmsdb.core.error.Hint.Words.NEUTRAL)).contains("\"drifted\":1", "idx_items_name");
        assertThatThrownBy(() -> fleet.drift(new Options.Drift(null, "AdoptHotfix"))).hasMessageContaining("not a fleet's");
        assertThat(Files.exists(migrations.resolve("V1__Items.sql"))).isTrue();
        try (var files = Files.list(migrations)) {
            assertThat(files.filter(f -> f.getFileName().toString().contains("AdoptHotfix")).count()).isZero();
        }
    }

    @Test
    void backupOnAFleetBacksUpEachDatabaseOnceIntoAFolderOfItsOwn() throws Exception {
        List<Target> targets = databases("fleet_backup", 2);
        migrate(targets, options(2, OnError.HALT, 0)).requireSuccess();
        ConnectionSettings c = TestServer.newDatabase("fleet_backup_schemas");
        execute(Target.database(settings(c.url())), "create schema tenant_a; create schema tenant_b");
        List<Target> schemas = Targets.schemasLike(settings(c.url()), "tenant_%");
        migrate(schemas, options(2, OnError.HALT, 0)).requireSuccess();
        List<Target> all = new ArrayList<>(targets);
        all.addAll(schemas);

        FleetBackupReport report = new Fleet(all, RunContext.of("backup"), Console.SILENT, options(2, OnError.HALT, 0))
                .backup(new io.github.lmsdb.core.backup.BackupService.Options(io.github.lmsdb.core.backup.BackupFormat.PLAIN, null, 1, null));

        report.requireSuccess();
        assertThat(report.targets()).extracting(FleetBackupReport.Line::target)
                .containsExactly(targets.get(0).name(), targets.get(1).name(), schemas.get(0).databaseName());
        for (FleetBackupReport.Line l : report.targets()) {
            assertThat(l.file()).exists();
            assertThat(l.file().getParent()).isEqualTo(temp.resolve("backups").resolve(l.target().replaceAll("[^A-Za-z0-9_.-]", "_")));
            assertThat(l.lastMigration()).contains("3");
        }
        String schemaDump = Files.readString(report.targets().get(2).file());
        assertThat(schemaDump).contains("tenant_a.items", "tenant_b.items");
        assertThat(FleetRenderer.backupJson(report, io.github.lmsdb.core.error.Hint.Words.NEUTRAL)).contains("\"failed\":0", "\"state\":\"done\"");
    }

    @Test
    void targetsAreNamedByTheirUrlsAsConfiguredNotByWhereTheyConnect() throws Exception {
        ConnectionSettings c = TestServer.newDatabase("fleet_names");
        String db = c.url().database();
        // As with the embedded server: configured at db.example, connected to the test server's (random) port.
        List<Target> urls = Targets.ofUrls(List.of("jdbc:postgresql://db.example/" + db + "?user=app&password=s3cret"), u -> settings(c.url()));
        assertThat(urls).extracting(Target::name).containsExactly("db.example:5432/" + db);
        assertThat(urls.get(0).settings().connection().url().port()).isEqualTo(TestServer.server().port());
        assertThat(Fleet.confirmation(urls))
                .isEqualTo(Fleet.confirmation(Targets.ofUrls(List.of("jdbc:postgresql://db.example:5432/" + db), u -> settings(c.url()))));

        execute(Target.database(settings(c.url())), "create schema tenant_x");
        JdbcUrl configured = JdbcUrl.parse("jdbc:postgresql://db.example/" + db);
        assertThat(Targets.schemasLike(settings(c.url()), configured, "tenant_%")).extracting(Target::name)
                .containsExactly("db.example:5432/" + db + "/tenant_x");
        assertThat(Targets.fromQuery(settings(c.url()), configured, "select 'tenant_x' union all select 'jdbc:postgresql://other.example:6543/app'",
                u -> settings(c.url()))).extracting(Target::name).containsExactly("db.example:5432/" + db + "/tenant_x", "other.example:6543/app");
    }

    @Test
    void statusShowsOneLinePerTargetMostPendingFirstAndFailsOnPending() throws Exception {
        List<Target> targets = databases("fleet_status", 4);
        new Fleet(targets.subList(0, 2), RunContext.of("migrate"), Console.SILENT, options(2, OnError.HALT, 0)).migrate(noBackup()).requireSuccess();
        List<Target> withMissing = new ArrayList<>(targets);
        withMissing.add(Target.database(settings(new JdbcUrl("localhost", TestServer.server().port(), "fleet_status_missing", ""))));

        FleetStatusReport status = new Fleet(withMissing, RunContext.of("status"), Console.SILENT, options(4, OnError.HALT, 0)).status();

        assertThat(status.targets()).extracting(FleetStatusReport.Line::target).containsExactly(withMissing.get(4).name(),
                targets.get(2).name(), targets.get(3).name(), targets.get(0).name(), targets.get(1).name());
        assertThat(status.targets().get(1).pending()).containsExactly("1", "2", "3");
        assertThat(status.targets().get(3).version()).isEqualTo("3");
        assertThat(status.targets().get(3).sizeBytes()).isPositive();
        assertThat(status.pendingTotal()).isEqualTo(6);
        assertThat(status.unreachable()).isEqualTo(1);
        List<String> lines = FleetRenderer.statusText(status, Style.PLAIN);
        assertThat(String.join("\n", lines)).contains("5 targets", "2 with pending (6 migrations)", "1 unreachable");
        assertThat(FleetRenderer.statusJson(status)).contains("\"pendingTotal\":6");
        assertThatThrownBy(status::requireNothingPending).hasMessageContaining("2 of 5 target(s) have pending migrations");
    }
}
