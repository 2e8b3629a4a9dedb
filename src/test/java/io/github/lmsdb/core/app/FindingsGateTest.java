package io.github.lmsdb.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.config.Environment;
import io.github.lmsdb.core.config.Settings;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.lint.Acknowledgements;
import io.github.lmsdb.core.lint.Finding;
import io.github.lmsdb.core.migrate.MigrateResult;
import io.github.lmsdb.core.migrate.Plan;
import io.github.lmsdb.core.report.PlanRenderer;
import io.github.lmsdb.core.report.Style;
import io.github.lmsdb.core.safety.AuditLog;
import io.github.lmsdb.core.safety.AuditRecord;
import io.github.lmsdb.maven.MavenWords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lint's findings in previews and plans, from the same shadow observation, and production's gate: an error-level finding
 * blocks a migrate or rollback until it is acknowledged by its id (on the command line or in the plan applied).
 */
class FindingsGateTest {
    private static final String INDEX = "index-not-concurrent@V2:1";
    private static final String CHECK = "constraint-not-valid@U3:1";

    @TempDir
    Path dir;

    private Path migrations;

    @BeforeEach
    void layout() throws Exception {
        migrations = Files.createDirectories(dir.resolve("migration"));
        Files.writeString(migrations.resolve("V1__Items.sql"), """
                create table items (id int primary key, price int not null);
                insert into items select g, g from generate_series(1, 100) g;
                """);
        Files.writeString(migrations.resolve("U1__Items.sql"), "drop table items;\n");
        Files.writeString(migrations.resolve("U2__IndexPrice.sql"), "drop index items_price;\n");
        Files.writeString(dir.resolve("V2__IndexPrice.sql"), "create index items_price on items (price);\n");
    }

    /** A database with V1 applied (in development) and V2 pending, opened in {@code env}. */
    private Lmsdb withPendingIndex(String prefix, Environment env) throws Exception {
        ConnectionSettings db = TestServer.newDatabase(prefix);
        try (Lmsdb setup = Lmsdb.open(settings(db, Environment.DEVELOPMENT))) {
            setup.migrate(new Options.Migrate(false, false, null, false, null));
            // The findings carry the planner's row estimate: settled now, not by an autovacuum analyze between two previews.
            try (java.sql.Statement st = setup.gateway().connection().createStatement()) {
                st.execute("analyze");
            }
        }
        Files.move(dir.resolve("V2__IndexPrice.sql"), migrations.resolve("V2__IndexPrice.sql"));
        return Lmsdb.open(settings(db, env));
    }

    private Settings settings(ConnectionSettings connection, Environment env) {
        Settings s = TestServer.settings(connection, migrations);
        return new Settings(s.connection(), s.schemas(), s.migrationsDirectory(), s.seedsDirectory(), s.schemaDirectory(),
                dir.resolve("backups"), env, true);
    }

    private static Options.Migrate migrate(String confirm, Options.Plans plans, String... acknowledged) {
        return new Options.Migrate(false, false, null, false, confirm, null, null, plans, Acknowledgements.of(List.of(acknowledged)));
    }

    private static String confirm(Lmsdb lmsdb) {
        return lmsdb.settings().connection().url().database() + "@production";
    }

    @Test
    void dryRunAndPlanShowTheFindingsLintReportsWithTheirIds() throws Exception {
        try (Lmsdb lmsdb = withPendingIndex("findings_preview", Environment.DEVELOPMENT)) {
            MigrateResult dryRun = lmsdb.migrate(new Options.Migrate(true, false, null, false, null));
            List<Finding> lint = lmsdb.lint(new Options.Lint(false, null)).findings();
            Path planFile = dir.resolve("plan.json");
            lmsdb.migrate(migrate(null, new Options.Plans(planFile, null)));

            assertThat(dryRun.previews().get(0).findings()).extracting(Finding::id).containsExactly(INDEX);
            assertThat(dryRun.previews().get(0).findings()).isEqualTo(lint);
            Finding f = dryRun.previews().get(0).findings().get(0);
            assertThat(f.observed()).isTrue();
            assertThat(f.describeEvidence()).startsWith("takes SHARE while the index builds on items (");
            Plan plan = Plan.read(planFile, Plan.MIGRATE);
            assertThat(plan.findings()).isEqualTo(lint);
            assertThat(plan.acknowledged()).isEmpty();
            String text = String.join("\n", PlanRenderer.render(new Plan.Use(plan, planFile, Plan.Use.Mode.WRITTEN), Style.PLAIN,
                    MavenWords.INSTANCE));
            assertThat(text).contains("ERROR index-not-concurrent: V2__IndexPrice.sql line 1 (items)", "Id: " + INDEX,
                    "Lint: 1 error-level finding(s), 0 acknowledged in the plan; in production each must be acknowledged to apply it");
        }
    }

    @Test
    void developmentShowsFindingsButDoesNotBlock() throws Exception {
        try (Lmsdb lmsdb = withPendingIndex("findings_dev", Environment.DEVELOPMENT)) {
            assertThat(lmsdb.migrate(migrate(null, null)).applied()).hasSize(1);
            assertThat(indexExists(lmsdb)).isTrue();
        }
    }

    @Test
    void productionRefusesAnUnacknowledgedErrorFindingChangingNothingAndAuditsIt() throws Exception {
        try (Lmsdb lmsdb = withPendingIndex("findings_prod", Environment.PRODUCTION)) {
            assertThatThrownBy(() -> lmsdb.migrate(migrate(confirm(lmsdb), null)))
                    .isInstanceOfSatisfying(LmsdbException.class, e -> {
                        assertThat(e.getMessage()).startsWith("The migrate was refused in production: 1 error-level lint finding(s) are not "
                                + "acknowledged. Nothing was changed.")
                                .contains("  " + INDEX + ": V2__IndexPrice.sql line 1 (items)",
                                        "Evidence: takes SHARE while the index builds on items (", "Safer: CREATE INDEX CONCURRENTLY");
                        assertThat(e.hint().render(MavenWords.INSTANCE)).contains("-Dlmsdb.acknowledge=" + INDEX);
                    });
            assertThat(indexExists(lmsdb)).isFalse();
            assertThat(history(lmsdb)).containsExactly("1");
            List<AuditRecord> audit = AuditLog.latest(lmsdb.gateway().connection(), 1);
            assertThat(audit.get(0).outcome()).isEqualTo("refused");
            assertThat(audit.get(0).message()).startsWith("The migrate was refused in production");

            MigrateResult applied = lmsdb.migrate(migrate(confirm(lmsdb), null, INDEX));

            assertThat(applied.applied()).hasSize(1);
            assertThat(indexExists(lmsdb)).isTrue();
            assertThat(AuditLog.latest(lmsdb.gateway().connection(), 1).get(0).parameters()).containsEntry("acknowledge", INDEX);
        }
    }

    /** A development configuration pointed at a production-stamped database meets production's gate, not development's. */
    @Test
    void aDevelopmentConfigurationOnAProductionStampedDatabaseIsGatedAsProduction() throws Exception {
        try (Lmsdb lmsdb = withPendingIndex("findings_stamped", Environment.DEVELOPMENT)) {
            AuditLog.stamp(lmsdb.gateway().connection(), "production", "migrate");

            assertThatThrownBy(() -> lmsdb.migrate(migrate(confirm(lmsdb), null))).isInstanceOf(LmsdbException.class)
                    .hasMessageStartingWith("The migrate was refused in production: 1 error-level lint finding(s) are not acknowledged.");

            assertThat(indexExists(lmsdb)).isFalse();
            assertThat(history(lmsdb)).containsExactly("1");
            assertThat(AuditLog.latest(lmsdb.gateway().connection(), 1).get(0).outcome()).isEqualTo("refused");
        }
    }

    @Test
    void aPlanCarriesItsAcknowledgementsToProduction() throws Exception {
        try (Lmsdb lmsdb = withPendingIndex("findings_plan", Environment.PRODUCTION)) {
            Path bare = dir.resolve("bare.json");
            Path acknowledged = dir.resolve("acknowledged.json");
            lmsdb.migrate(migrate(null, new Options.Plans(bare, null)));
            lmsdb.migrate(migrate(null, new Options.Plans(acknowledged, null), INDEX));
            assertThat(Plan.read(acknowledged, Plan.MIGRATE).acknowledged()).containsExactly(INDEX);

            assertThatThrownBy(() -> lmsdb.migrate(migrate(confirm(lmsdb), new Options.Plans(null, bare))))
                    .hasMessageContaining(INDEX + ": V2__IndexPrice.sql line 1 (items)");
            assertThat(indexExists(lmsdb)).isFalse();

            assertThat(lmsdb.migrate(migrate(confirm(lmsdb), new Options.Plans(null, acknowledged))).applied()).hasSize(1);
            assertThat(indexExists(lmsdb)).isTrue();
        }
    }

    @Test
    void productionRollbackRefusesAnUnacknowledgedFindingOfItsUndoScript() throws Exception {
        try (Lmsdb lmsdb = withPendingIndex("findings_rollback", Environment.PRODUCTION)) {
            Files.writeString(migrations.resolve("V3__LoosenPrice.sql"), "alter table items drop constraint if exists items_price_check;\n");
            Files.writeString(migrations.resolve("U3__LoosenPrice.sql"), "alter table items add constraint items_price_check check (price > 0);\n");
            lmsdb.migrate(migrate(confirm(lmsdb), null, INDEX));
            String token = confirm(lmsdb);

            assertThatThrownBy(() -> lmsdb.rollback(new Options.Rollback(1, false, false, token)))
                    .hasMessageStartingWith("The rollback was refused in production: 1 error-level lint finding(s)")
                    .hasMessageContaining(CHECK + ": U3__LoosenPrice.sql line 1 (items)");
            assertThat(history(lmsdb)).containsExactly("1", "2", "3");

            RollbackOutcome reverted = lmsdb.rollback(new Options.Rollback(1, false, false, token, null, null, null,
                    Acknowledgements.of(List.of(CHECK))));

            assertThat(reverted.result().reverted()).hasSize(1);
            assertThat(history(lmsdb)).containsExactly("1", "2");
        }
    }

    private static boolean indexExists(Lmsdb lmsdb) throws Exception {
        try (Statement st = lmsdb.gateway().connection().createStatement();
                ResultSet rs = st.executeQuery("select count(*) from pg_indexes where indexname = 'items_price'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    private static List<String> history(Lmsdb lmsdb) throws Exception {
        try (Statement st = lmsdb.gateway().connection().createStatement();
                ResultSet rs = st.executeQuery("select version from flyway_schema_history where success order by installed_rank")) {
            List<String> versions = new java.util.ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
            return versions;
        }
    }
}
