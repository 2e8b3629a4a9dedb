package io.github.lmsdb.core.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.app.Options;
import io.github.lmsdb.core.lint.Finding;
import io.github.lmsdb.core.migrate.MigrateResult;
import io.github.lmsdb.core.migrate.Preview;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flyway's placeholders: a preview and lint expand them as migrate does, and refuse an unknown one as migrate does. */
class PlaceholdersPreviewTest {
    @TempDir
    Path dir;

    @Test
    void previewsAndLintExpandFlywaysPlaceholdersAsMigrateDoes() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migration"));
        Files.writeString(migrations.resolve("V1__Items.sql"), """
                create table ${flyway:defaultSchema}.items (id int primary key, price int);
                insert into items select g, g from generate_series(1, 10) g;
                """);
        Files.writeString(dir.resolve("V2__IndexPrice.sql"), """
                create index items_price on ${flyway:defaultSchema}.items (price);
                comment on table "${flyway:defaultSchema}".items is '${flyway:filename} by ${flyway:user}';
                """);
        try (Lmsdb lmsdb = Lmsdb.open(TestServer.settings(TestServer.newDatabase("placeholders"), migrations))) {
            MigrateResult first = lmsdb.migrate(new Options.Migrate(true, false, null, false, null));
            assertThat(first.previews().get(0).problem()).isNull();
            assertThat(first.previews().get(0).changes()).extracting(c -> c.describe()).contains("Create table: items");
            lmsdb.migrate(new Options.Migrate(false, false, null, false, null));
            // The findings carry the planner's row estimate: settled now, not by an autovacuum analyze between preview and lint.
            try (java.sql.Statement st = lmsdb.gateway().connection().createStatement()) {
                st.execute("analyze");
            }
            Files.move(dir.resolve("V2__IndexPrice.sql"), migrations.resolve("V2__IndexPrice.sql"));

            MigrateResult dryRun = lmsdb.migrate(new Options.Migrate(true, false, null, false, null));

            Preview preview = dryRun.previews().get(0);
            assertThat(preview.problem()).isNull();
            assertThat(preview.changes()).extracting(c -> c.describe()).contains("Create index: items_price");
            assertThat(preview.findings()).extracting(Finding::id).containsExactly("index-not-concurrent@V2:1");
            assertThat(lmsdb.lint(new Options.Lint(false, null)).findings()).isEqualTo(preview.findings());

            lmsdb.migrate(new Options.Migrate(false, false, null, false, null));
            try (Statement st = lmsdb.gateway().connection().createStatement();
                    ResultSet rs = st.executeQuery("select obj_description('public.items'::regclass, 'pg_class')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("V2__IndexPrice.sql by postgres");
            }
        }
    }

    @Test
    void anUnknownPlaceholderFailsThePreviewAsItFailsMigrate() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migration"));
        Files.writeString(migrations.resolve("V1__Grant.sql"), "create table items (id int);\ngrant select on items to ${reader};\n");
        try (Lmsdb lmsdb = Lmsdb.open(TestServer.settings(TestServer.newDatabase("placeholders_unknown"), migrations))) {
            MigrateResult dryRun = lmsdb.migrate(new Options.Migrate(true, false, null, false, null));

            assertThat(dryRun.previews().get(0).problem()).isEqualTo("fails: no value for the placeholder ${reader} (line 2), "
                    + "which migrate refuses too");
            assertThatThrownBy(() -> lmsdb.migrate(new Options.Migrate(false, false, null, false, null))).hasMessageContaining("${reader}");
        }
    }
}
