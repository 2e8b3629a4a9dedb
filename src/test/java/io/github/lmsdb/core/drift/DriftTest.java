package io.github.lmsdb.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.app.Options;
import io.github.lmsdb.core.catalog.Catalog;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.config.JdbcUrl;
import io.github.lmsdb.core.config.PasswordSource;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.report.DriftRenderer;
import io.github.lmsdb.core.report.Style;
import io.github.lmsdb.core.schema.SchemaDiff;
import io.github.lmsdb.core.schema.ScratchDatabase;
import io.github.lmsdb.maven.MavenWords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lmsdb:drift on the real server: hand-made changes on a migrated LMS database, and their adoption. */
class DriftTest {
    private static final Path LMS_MIGRATIONS = Path.of("migrations-example/src/main/resources/db/migration");

    @TempDir
    Path temp;

    @AfterEach
    void shadowDatabasesAreAlwaysDropped() throws Exception {
        ConnectionSettings server = new ConnectionSettings(new JdbcUrl("localhost", TestServer.server().port(), "postgres", ""),
                "postgres", null, PasswordSource.NONE, null, Duration.ofSeconds(10));
        assertThat(ScratchDatabase.shadowDatabases(server)).isEmpty();
    }

    @Test
    void handMadeIndexAndDefaultAreDriftAndTheAdoptingMigrationRebuildsThem() throws Exception {
        Path migrations = copy(LMS_MIGRATIONS, temp.resolve("migration"));
        ConnectionSettings hotfixed = TestServer.newDatabase("drift_target");
        try (Lmsdb lmsdb = Lmsdb.open(TestServer.settings(hotfixed, migrations))) {
            lmsdb.migrate(new Options.Migrate(false, false, null, false, null));
            assertThat(lmsdb.drift(new Options.Drift(null, null)).hasDrift()).isFalse();

            // A pending migration is not part of what the database was built from.
            Files.writeString(migrations.resolve("V99990101000000__Later.sql"), "create table later (id int);\n");
            execute(lmsdb, "create index idx_users_last_login on users (created_at)",
                    "alter table users alter column role set default 'instructor'");
            long historyRows = count(lmsdb, "select count(*) from flyway_schema_history");

            DriftReport drift = lmsdb.drift(new Options.Drift(null, null));
            List<String> lines = DriftRenderer.text(drift, temp, Style.PLAIN, MavenWords.INSTANCE);

            assertThat(lines.get(0)).isEqualTo("Drift in " + hotfixed.url().database() + " (2 differences):");
            assertThat(lines).contains("+ index idx_users_last_login on users (not in the migrations)");
            assertThat(lines).anyMatch(l -> l.startsWith("~ column users.role (default") && l.contains("'instructor'"));
            assertThat(String.join("\n", lines)).doesNotContain("later");
            assertThatThrownBy(drift::requireNone).isInstanceOf(LmsdbException.class).hasMessageContaining("2 difference(s)");
            assertThat(lmsdb.status(true).drift().shown()).hasSize(2);
            assertThat(DriftRenderer.json(drift)).contains("\"differenceCount\":2", "idx_users_last_login");
            // A drift check changes nothing in the database.
            assertThat(count(lmsdb, "select count(*) from flyway_schema_history")).isEqualTo(historyRows);
            assertThat(count(lmsdb, "select count(*) from pg_tables where tablename = 'later'")).isZero();

            Files.delete(migrations.resolve("V99990101000000__Later.sql"));
            DriftReport adopted = lmsdb.drift(new Options.Drift(null, "AdoptHotfix"));
            assertThat(adopted.adopted()).isNotNull();
            assertThat(Files.readString(adopted.adopted().migration())).contains("idx_users_last_login", "'instructor'");
            assertThat(adopted.adopted().undo()).exists();
            adopted.requireNone();

            ConnectionSettings fresh = TestServer.newDatabase("drift_fresh");
            try (Lmsdb copy = Lmsdb.open(TestServer.settings(fresh, migrations))) {
                copy.migrate(new Options.Migrate(false, false, null, false, null));
                assertThat(copy.drift(new Options.Drift(null, null)).hasDrift()).isFalse();
                Catalog freshCatalog = Catalog.read(copy.gateway().connection(), List.of("public"));
                Catalog hotfixedCatalog = Catalog.read(lmsdb.gateway().connection(), List.of("public"));
                assertThat(SchemaDiff.diff(freshCatalog, hotfixedCatalog, SchemaDiff.Counts.NONE)).isEmpty();
            }

            // The hot-fixed database records the adopting migration as applied, without running it (it would fail there).
            String version = adopted.adopted().version();
            assertThat(lmsdb.migrations().status().pending()).extracting(e -> e.version()).containsExactly(version);
            var recorded = lmsdb.markApplied(new Options.MarkApplied("AdoptHotfix", false, null, null));
            assertThat(recorded.markedApplied().version()).isEqualTo(version);
            assertThat(recorded.latest().orElseThrow().version()).isEqualTo(version);
            assertThat(lmsdb.migrations().status().pending()).isEmpty();
            assertThat(lmsdb.migrate(new Options.Migrate(false, false, null, false, null)).upToDate()).isTrue();
            assertThat(lmsdb.drift(new Options.Drift(null, null)).hasDrift()).isFalse();
            assertThat(count(lmsdb, "select count(*) from flyway_schema_history where version = '" + version
                    + "' and success and execution_time = 0 and type = 'SQL' and checksum is not null")).isEqualTo(1);
            assertThat(count(lmsdb, "select count(*) from lmsdb.lmsdb_audit where goal = 'migrate' and outcome = 'success'"
                    + " and parameters like '%markApplied%'")).isEqualTo(1);
            // Again: nothing to do.
            assertThat(lmsdb.markApplied(new Options.MarkApplied(version, false, null, null)).markedApplied()).isNull();
            assertThat(lmsdb.markApplied(new Options.MarkApplied("AdoptHotfix", false, null, null)).markedApplied()).isNull();

            // A second hot fix, adopted under the same name: the applied AdoptHotfix does not hide the pending one.
            Thread.sleep(1100); // a new second, so a new version
            execute(lmsdb, "create index idx_courses_created on courses (created_at)");
            String second = lmsdb.drift(new Options.Drift(null, "AdoptHotfix")).adopted().version();
            assertThat(second).isNotEqualTo(version);
            assertThat(lmsdb.markApplied(new Options.MarkApplied("AdoptHotfix", false, null, null)).markedApplied().version()).isEqualTo(second);
            assertThat(lmsdb.drift(new Options.Drift(null, null)).hasDrift()).isFalse();
            assertThat(lmsdb.migrations().status().pending()).isEmpty();
        }
    }

    @Test
    void aMigrationTheDatabaseDoesNotHaveIsNotRecordedAsApplied() throws Exception {
        Path migrations = copy(LMS_MIGRATIONS, temp.resolve("migration"));
        ConnectionSettings db = TestServer.newDatabase("mark_refused");
        try (Lmsdb lmsdb = Lmsdb.open(TestServer.settings(db, migrations))) {
            lmsdb.migrate(new Options.Migrate(false, false, null, false, null));
            Files.writeString(migrations.resolve("V99990101000000__AddNote.sql"), "alter table users add column note text;\n");
            Files.writeString(migrations.resolve("V99990102000000__AddOther.sql"), "alter table users add column other text;\n");
            long historyRows = count(lmsdb, "select count(*) from flyway_schema_history");

            assertThatThrownBy(() -> lmsdb.markApplied(new Options.MarkApplied("99990101000000", false, null, null)))
                    .isInstanceOf(LmsdbException.class)
                    .hasMessageStartingWith("Cannot record 99990101000000 AddNote as applied in " + db.url().database()
                            + ": the database is not what the migrations up to it make (1 difference(s), from the database's point of view):")
                    .hasMessageContaining("note")
                    .hasMessageEndingWith("Recording it would make the history lie. Nothing was changed.");
            assertThatThrownBy(() -> lmsdb.markApplied(new Options.MarkApplied("V99990102000000", false, null, null)))
                    .isInstanceOf(LmsdbException.class)
                    .hasMessageContaining("the next pending migration is 99990101000000 AddNote, and only the next one can be recorded");
            assertThatThrownBy(() -> lmsdb.markApplied(new Options.MarkApplied("12345", false, null, null)))
                    .isInstanceOf(LmsdbException.class)
                    .hasMessageContaining("the next pending migration is 99990101000000 AddNote");

            assertThat(count(lmsdb, "select count(*) from flyway_schema_history")).isEqualTo(historyRows);
            assertThat(count(lmsdb, "select count(*) from information_schema.columns where table_name = 'users' and column_name = 'note'"))
                    .isZero();
        }
    }

    private static void execute(Lmsdb lmsdb, String... statements) throws Exception {
        try (Statement st = lmsdb.gateway().connection().createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private static long count(Lmsdb lmsdb, String sql) throws Exception {
        try (Statement st = lmsdb.gateway().connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()));
            }
        }
        return to;
    }
}
