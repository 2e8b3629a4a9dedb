package io.github.lmsdb.core.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.app.Options;
import io.github.lmsdb.core.app.RollbackOutcome;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.lint.LintReport;
import io.github.lmsdb.core.migrate.MigrateResult;
import io.github.lmsdb.core.migrate.Plan;
import io.github.lmsdb.core.migrate.Preview;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe of issue 12: previews must not write to the target. Sequences are not transactional and
 * triggers run, so a preview inside a rolled-back transaction on the target leaves traces. Every way to preview is probed:
 * a dry run, a rollback preview, lint, and writing a migrate plan and a rollback plan.
 */
class PreviewTouchesNothingTest {
    @TempDir
    Path dir;

    @Test
    void dryRunRollbackPreviewLintAndPlanFilesLeaveTheTargetsSequenceAndTriggerCounterUnchanged() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migration"));
        Files.writeString(migrations.resolve("V1__Probe.sql"), """
                create sequence probe_seq;
                create table counter (n int not null);
                insert into counter values (0);
                create table items (id int primary key, price int not null);
                insert into items values (1, 10), (2, 20);
                create function count_execution() returns trigger language plpgsql as $$
                begin
                    update counter set n = n + 1;
                    return new;
                end $$;
                create trigger items_counted before update on items for each row execute function count_execution();
                """);
        Files.writeString(migrations.resolve("U1__Probe.sql"), "drop table items; drop function count_execution(); drop table counter; drop sequence probe_seq;\n");
        Files.writeString(migrations.resolve("V2__Reprice.sql"), "select nextval('probe_seq');\nupdate items set price = price + 1;\n");
        Files.writeString(migrations.resolve("U2__Reprice.sql"), "select nextval('probe_seq');\nupdate items set price = price - 1;\n");
        Files.writeString(migrations.resolve("V3__RepriceAgain.sql"), "select nextval('probe_seq');\nupdate items set price = price * 2;\n");
        Files.writeString(migrations.resolve("U3__RepriceAgain.sql"), "update items set price = price / 2;\n");
        ConnectionSettings target = TestServer.newDatabase("probe");
        try (Lmsdb lmsdb = Lmsdb.open(TestServer.settings(target, migrations))) {
            Files.move(migrations.resolve("V3__RepriceAgain.sql"), dir.resolve("V3__RepriceAgain.sql"));
            lmsdb.migrate(new Options.Migrate(false, false, null, false, null));
            Files.move(dir.resolve("V3__RepriceAgain.sql"), migrations.resolve("V3__RepriceAgain.sql"));
            List<Long> before = probe(lmsdb.gateway().connection());
            assertThat(before).containsExactly(1L, 2L, 11L);

            MigrateResult dryRun = lmsdb.migrate(new Options.Migrate(true, false, null, false, null));
            RollbackOutcome preview = lmsdb.rollback(new Options.Rollback(1, true, false, null));
            LintReport lint = lmsdb.lint(new Options.Lint(false, null));
            MigrateResult migratePlan = lmsdb.migrate(new Options.Migrate(false, false, null, false, null, null, null,
                    new Options.Plans(dir.resolve("migrate-plan.json"), null)));
            RollbackOutcome rollbackPlan = lmsdb.rollback(new Options.Rollback(1, false, false, null, null, null,
                    new Options.Plans(dir.resolve("rollback-plan.json"), null)));

            assertThat(dryRun.previews()).extracting(Preview::problem).containsOnlyNulls();
            assertThat(lint.linted()).containsExactly("V3__RepriceAgain.sql");
            assertThat(lint.textOnly()).as("lint ran V3 on the shadow, not by its text").isEmpty();
            assertThat(migratePlan.plan().plan().steps()).extracting(Plan.Step::version).containsExactly("3");
            assertThat(migratePlan.plan().plan().steps().get(0).preview().problem()).isNull();
            assertThat(rollbackPlan.reviewed().plan().steps()).extracting(Plan.Step::version).containsExactly("2");
            assertThat(rollbackPlan.reviewed().plan().steps().get(0).preview().problem()).isNull();
            assertThat(preview.plan().steps()).hasSize(1);
            assertThat(preview.plan().steps().get(0).preview().problem()).isNull();
            assertThat(probe(lmsdb.gateway().connection())).as("sequence value, trigger executions, a price").isEqualTo(before);
            assertThat(shadowDatabases(lmsdb.gateway().connection())).isEmpty();
        }
    }

    /** The sequence's last value, the trigger's execution count, and item 1's price. */
    static List<Long> probe(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select (select last_value from probe_seq), (select n from counter), (select price from items where id = 1)")) {
            rs.next();
            return List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
    }

    static List<String> shadowDatabases(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select datname from pg_database where datname like 'lmsdb\\_shadow\\_%'")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }
}
