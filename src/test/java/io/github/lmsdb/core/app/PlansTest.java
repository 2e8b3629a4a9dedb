package io.github.lmsdb.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.catalog.Catalog;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.migrate.MigrateResult;
import io.github.lmsdb.core.migrate.MigrationEntry;
import io.github.lmsdb.core.migrate.Plan;
import io.github.lmsdb.maven.MavenWords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plan, review, apply: a plan applies only to the database it describes, checked under the migration lock. */
class PlansTest {
    @TempDir
    Path dir;

    private Path migrations;
    private Path planFile;

    @BeforeEach
    void layout() throws Exception {
        migrations = Files.createDirectories(dir.resolve("migration"));
        Files.writeString(migrations.resolve("V1__CreateNotes.sql"), "create table notes (id int primary key, body text);\n");
        Files.writeString(migrations.resolve("U1__CreateNotes.sql"), "drop table notes;\n");
        Files.writeString(migrations.resolve("V2__AddTitle.sql"), "alter table notes add column title text;\n");
        Files.writeString(migrations.resolve("U2__AddTitle.sql"), "alter table notes drop column title;\n");
        planFile = dir.resolve("plan.json");
    }

    private static Options.Migrate writePlan(Path file) {
        return new Options.Migrate(false, false, null, false, null, null, null, new Options.Plans(file, null));
    }

    private static Options.Migrate applyPlan(Path file) {
        return new Options.Migrate(false, false, null, false, null, null, null, new Options.Plans(null, file));
    }

    private static Options.Rollback rollbackPlan(int steps, Options.Plans plans) {
        return new Options.Rollback(steps, false, false, null, null, null, plans);
    }

    @Test
    void planThenApplyUnchangedAppliesExactlyThePlan() throws Exception {
        try (Lmsdb lmsdb = Lmsdb.open(TestServer.settings(TestServer.newDatabase("plan_ok"), migrations))) {
            MigrateResult written = lmsdb.migrate(writePlan(planFile));

            assertThat(written.plan().mode()).isEqualTo(Plan.Use.Mode.WRITTEN);
            assertThat(tables(lmsdb.gateway().connection())).as("writing a plan changes nothing").isEmpty();
            Plan plan = Plan.read(planFile, Plan.MIGRATE);
            assertThat(plan.steps()).extracting(Plan.Step::label).containsExactly("1 CreateNotes", "2 AddTitle");
            assertThat(plan.steps().get(0).checksum()).isEqualTo(String.valueOf(flywayChecksum(migrations, lmsdb)));
            assertThat(plan.steps().get(0).preview().changes()).isNotEmpty();
            assertThat(plan.database()).isEqualTo(lmsdb.settings().connection().url().database());
            assertThat(plan.lastApplied()).isNull();
            assertThat(plan.serverVersion()).isNotBlank();
            assertThat(plan.fingerprint()).hasSize(64)
                    .isEqualTo(Catalog.read(lmsdb.gateway().connection(), List.of("public")).fingerprint());

            MigrateResult applied = lmsdb.migrate(applyPlan(planFile));

            assertThat(applied.applied()).extracting(a -> a.migration().version()).containsExactly("1", "2");
            assertThat(applied.plan().mode()).isEqualTo(Plan.Use.Mode.APPLIED);
            assertThat(tables(lmsdb.gateway().connection())).containsExactly("notes");
        }
    }

    @Test
    void applyRefusesAPlanWhoseDatabaseGotAColumnByHandAndChangesNothing() throws Exception {
        Files.move(migrations.resolve("V2__AddTitle.sql"), dir.resolve("V2__AddTitle.sql"));
        try (Lmsdb lmsdb = Lmsdb.open(TestServer.settings(TestServer.newDatabase("plan_fp"), migrations))) {
            lmsdb.migrate(new Options.Migrate(false, false, null, false, null));
            Files.move(dir.resolve("V2__AddTitle.sql"), migrations.resolve("V2__AddTitle.sql"));
            lmsdb.migrate(writePlan(planFile));
            execute(lmsdb, "alter table notes add column added_by_hand int");

            assertRefused(lmsdb, applyPlan(planFile), "fingerprint differs");
            assertThat(lmsdb.migrations().status().last().map(MigrationEntry::version)).contains("1");
            assertThat(columns(lmsdb.gateway().connection())).doesNotContain("title");
        }
    }

    @Test
    void applyRefusesAPlanWhoseMigrationFileWasEdited() throws Exception {
        try (Lmsdb lmsdb = Lmsdb.open(TestServer.settings(TestServer.newDatabase("plan_sum"), migrations))) {
            lmsdb.migrate(writePlan(planFile));
            Files.writeString(migrations.resolve("V2__AddTitle.sql"), "alter table notes add column title varchar(10);\n");

            assertRefused(lmsdb, applyPlan(planFile), "checksum of 2 AddTitle differs");
            assertThat(tables(lmsdb.gateway().connection())).isEmpty();
        }
    }

    @Test
    void applyRefusesAPlanWhenAnotherMigrationWasAppliedMeanwhile() throws Exception {
        try (Lmsdb lmsdb = Lmsdb.open(TestServer.settings(TestServer.newDatabase("plan_set"), migrations))) {
            lmsdb.migrate(writePlan(planFile));
            Files.move(migrations.resolve("V2__AddTitle.sql"), dir.resolve("V2__AddTitle.sql"));
            lmsdb.migrate(new Options.Migrate(false, false, null, false, null));
            Files.move(dir.resolve("V2__AddTitle.sql"), migrations.resolve("V2__AddTitle.sql"));

            assertRefused(lmsdb, applyPlan(planFile), "pending migrations differ");
            assertThat(columns(lmsdb.gateway().connection())).doesNotContain("title");
        }
    }

    @Test
    void dryRunOfAPlanOnlyShowsIt() throws Exception {
        try (Lmsdb lmsdb = Lmsdb.open(TestServer.settings(TestServer.newDatabase("plan_show"), migrations))) {
            lmsdb.migrate(writePlan(planFile));
            MigrateResult shown = lmsdb.migrate(new Options.Migrate(true, false, null, false, null, null, null, new Options.Plans(null, planFile)));

            assertThat(shown.plan().mode()).isEqualTo(Plan.Use.Mode.SHOWN);
            assertThat(shown.pending()).hasSize(2);
            assertThat(tables(lmsdb.gateway().connection())).isEmpty();
        }
    }

    @Test
    void rollbackPlanThenApplyRevertsAndAnEditedUndoScriptIsRefused() throws Exception {
        try (Lmsdb lmsdb = Lmsdb.open(TestServer.settings(TestServer.newDatabase("plan_rb"), migrations))) {
            lmsdb.migrate(new Options.Migrate(false, false, null, false, null));
            RollbackOutcome written = lmsdb.rollback(rollbackPlan(1, new Options.Plans(planFile, null)));
            assertThat(written.reviewed().mode()).isEqualTo(Plan.Use.Mode.WRITTEN);
            assertThat(columns(lmsdb.gateway().connection())).contains("title");
            Plan plan = Plan.read(planFile, Plan.ROLLBACK);
            assertThat(plan.steps()).extracting(Plan.Step::label).containsExactly("2 AddTitle");
            assertThat(plan.steps().get(0).checksum()).hasSize(64);
            assertThat(plan.lastApplied()).isEqualTo("2");

            Path original = dir.resolve("U2.sql");
            Files.copy(migrations.resolve("U2__AddTitle.sql"), original);
            Files.writeString(migrations.resolve("U2__AddTitle.sql"), "alter table notes drop column title cascade;\n");
            assertRefused(lmsdb, rollbackPlan(1, new Options.Plans(null, planFile)), "undo script of 2 AddTitle differs");
            assertThat(columns(lmsdb.gateway().connection())).contains("title");

            Files.copy(original, migrations.resolve("U2__AddTitle.sql"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            RollbackOutcome applied = lmsdb.rollback(rollbackPlan(1, new Options.Plans(null, planFile)));
            assertThat(applied.result().reverted()).hasSize(1);
            assertThat(columns(lmsdb.gateway().connection())).doesNotContain("title");
        }
    }

    @Test
    void theSameReadingGivesTheSameFingerprint() throws Exception {
        try (Lmsdb lmsdb = Lmsdb.open(TestServer.settings(TestServer.newDatabase("plan_same"), migrations))) {
            lmsdb.migrate(new Options.Migrate(false, false, null, false, null));
            Connection c = lmsdb.gateway().connection();
            String first = Catalog.read(c, List.of("public")).fingerprint();
            execute(lmsdb, "insert into notes values (1, 'rows do not count', 't'); analyze notes");
            assertThat(Catalog.read(c, List.of("public")).fingerprint()).isEqualTo(first);
            execute(lmsdb, "create index notes_title on notes (title)");
            assertThat(Catalog.read(c, List.of("public")).fingerprint()).isNotEqualTo(first);
        }
    }

    private void assertRefused(Lmsdb lmsdb, Object options, String what) {
        assertThatThrownBy(() -> {
            if (options instanceof Options.Migrate m) {
                lmsdb.migrate(m);
            } else {
                lmsdb.rollback((Options.Rollback) options);
            }
        }).isInstanceOf(LmsdbException.class)
                .hasMessageContaining("no longer matches the database")
                .hasMessageContaining(what)
                .hasMessageContaining("Nothing was changed")
                .satisfies(e -> assertThat(((LmsdbException) e).describe(MavenWords.INSTANCE)).contains("Make a new plan")
                        .contains("-Dlmsdb.planFile=" + planFile));
    }

    private static int flywayChecksum(Path migrations, Lmsdb lmsdb) throws Exception {
        return org.flywaydb.core.Flyway.configure().dataSource(lmsdb.gateway().dataSource())
                .locations("filesystem:" + migrations.toAbsolutePath()).load().info().pending()[0].getChecksum();
    }

    private static void execute(Lmsdb lmsdb, String sql) throws Exception {
        try (Statement st = lmsdb.gateway().connection().createStatement()) {
            st.execute(sql);
        }
    }

    private static List<String> tables(Connection c) throws Exception {
        return strings(c, "select table_name from information_schema.tables where table_schema = 'public'"
                + " and table_name <> 'flyway_schema_history' order by 1");
    }

    private static List<String> columns(Connection c) throws Exception {
        return strings(c, "select column_name from information_schema.columns where table_name = 'notes' order by ordinal_position");
    }

    private static List<String> strings(Connection c, String sql) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
