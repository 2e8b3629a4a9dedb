package io.github.lmsdb.core.migrate;

import io.github.lmsdb.core.catalog.Scope;
import io.github.lmsdb.maven.MavenWords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.catalog.Catalog;
import io.github.lmsdb.core.catalog.CatalogDelta;
import io.github.lmsdb.core.catalog.SchemaChange;
import io.github.lmsdb.core.catalog.SchemaObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Migrate, preview and roll back on a real database, with the LMS example migrations and small hand-made ones. */
class MigrationLifecycleTest {
    /** Tests run with the repository root as working directory. */
    private static final Path LMS = Path.of("migrations-example/src/main/resources/db/migration");

    private static final List<String> LMS_VERSIONS = List.of(
            "20231101090000", "20231101100000", "20231102090000", "20231102100000", "20231103090000",
            "20231103100000", "20231103110000", "20231106090000", "20231107090000", "20231110090000",
            "20231114100000", "20231114110000", "20231114120000", "20231114130000", "20231114140000");

    private static final String NEWEST_UNDO = "U20231114140000__AddQuizTimeLimit.sql";

    @TempDir
    Path temp;

    @Test
    void migratingAllRollingAllBackAndMigratingAgainGivesTheSameSchema() throws Exception {
        try (DatabaseGateway gateway = DatabaseGateway.connect(TestServer.newDatabase("life_roundtrip"))) {
            MigrationService service = service(gateway, LMS);

            MigrateResult first = service.migrate(false, false, null, MigrationListener.NONE);

            assertThat(first.applied()).extracting(a -> a.migration().version()).containsExactlyElementsOf(LMS_VERSIONS);
            assertThat(first.latest()).get().extracting(MigrationEntry::label).isEqualTo("20231114140000 AddQuizTimeLimit");
            assertThat(historyVersions(gateway)).containsExactlyElementsOf(LMS_VERSIONS);
            Set<SchemaObject> migrated = snapshot(gateway);
            assertThat(migrated).extracting(o -> o.kind().label() + " " + o.name())
                    .contains("table users", "column quizzes.time_limit", "index idx_quizzes_time_limit", "function set_updated_at()",
                            "trigger users.users_set_updated_at", "constraint courses.courses_slug_key");

            RollbackPlan plan = service.planRollback(15);
            assertThat(plan.steps()).extracting(s -> s.migration().version()).containsExactlyElementsOf(reversed(LMS_VERSIONS));
            assertThat(plan.steps()).extracting(s -> s.preview().problem()).containsOnlyNulls();
            assertThat(plan.losesData()).isFalse();
            RollbackResult rolledBack = service.rollback(plan, MigrationListener.NONE);

            assertThat(rolledBack.reverted()).extracting(r -> r.migration().version()).containsExactlyElementsOf(reversed(LMS_VERSIONS));
            assertThat(rolledBack.latest()).isEmpty();
            assertThat(snapshot(gateway)).isEmpty();
            assertThat(historyVersions(gateway)).isEmpty();

            MigrateResult again = service.migrate(false, false, null, MigrationListener.NONE);

            assertThat(again.applied()).extracting(a -> a.migration().version()).containsExactlyElementsOf(LMS_VERSIONS);
            assertThat(snapshot(gateway)).isEqualTo(migrated);
        }
    }

    @Test
    void rollbackPreviewShowsDroppedObjectsAndLostValuesAndChangesNothing() throws Exception {
        try (DatabaseGateway gateway = DatabaseGateway.connect(TestServer.newDatabase("life_preview"))) {
            MigrationService service = service(gateway, LMS);
            service.migrate(false, false, null, MigrationListener.NONE);
            execute(gateway, """
                    insert into users (id, email, password_hash, full_name) values
                        (1, 'ann@example.com', 'h1', 'Ann Instructor'), (2, 'bob@example.com', 'h2', 'Bob Student');
                    insert into courses (id, instructor_id, title, slug) values (1, 1, 'Intro to SQL', 'intro-to-sql-1');
                    insert into course_sections (id, course_id, title, position) values (1, 1, 'Basics', 1);
                    insert into lessons (id, section_id, title, position) values (1, 1, 'Select', 1);
                    insert into quizzes (lesson_id, title, time_limit) values (1, 'Quiz 1', 10), (1, 'Quiz 2', 20), (1, 'Quiz 3', null);
                    """);
            Set<SchemaObject> before = snapshot(gateway);

            RollbackPlan plan = service.planRollback(1);

            assertThat(plan.steps()).hasSize(1);
            RollbackPlan.Step step = plan.steps().get(0);
            assertThat(step.migration().label()).isEqualTo("20231114140000 AddQuizTimeLimit");
            assertThat(step.undoScript()).isEqualTo(LMS.resolve(NEWEST_UNDO));
            assertThat(step.preview().problem()).isNull();
            assertThat(step.preview().changes()).extracting(SchemaChange::describe)
                    .contains("Drop column: quizzes.time_limit", "Drop index: idx_quizzes_time_limit")
                    .containsExactly("Drop column: quizzes.time_limit", "Drop constraint: quizzes.quizzes_time_limit_check",
                            "Drop index: idx_quizzes_time_limit");
            assertThat(step.preview().dataLoss()).containsExactly("quizzes.time_limit has 2 non-null values");
            assertThat(plan.losesData()).isTrue();

            assertThat(columnExists(gateway, "quizzes", "time_limit")).isTrue();
            assertThat(count(gateway, "select count(time_limit) from quizzes")).isEqualTo(2);
            assertThat(historyVersions(gateway)).hasSize(15);
            assertThat(snapshot(gateway)).isEqualTo(before);
        }
    }

    @Test
    void rollbackRefusesWhenUndoScriptIsMissing() throws Exception {
        Path dir = copyLms();
        Files.delete(dir.resolve(NEWEST_UNDO));
        try (DatabaseGateway gateway = DatabaseGateway.connect(TestServer.newDatabase("life_noundo"))) {
            MigrationService service = service(gateway, dir);
            service.migrate(false, false, null, MigrationListener.NONE);
            Set<SchemaObject> before = snapshot(gateway);

            assertThatThrownBy(() -> service.planRollback(2))
                    .isInstanceOf(LmsdbException.class)
                    .hasMessage("Cannot roll back: missing undo script(s): " + dir.resolve(NEWEST_UNDO) + ". Nothing was changed.");

            assertThat(snapshot(gateway)).isEqualTo(before);
            assertThat(historyVersions(gateway)).containsExactlyElementsOf(LMS_VERSIONS);
        }
    }

    @Test
    void failingUndoScriptIsRolledBackWithItsEarlierStatementsAndTheMigrationStaysApplied() throws Exception {
        Path dir = copyLms();
        try (DatabaseGateway gateway = DatabaseGateway.connect(TestServer.newDatabase("life_badundo"))) {
            MigrationService service = service(gateway, dir);
            service.migrate(false, false, null, MigrationListener.NONE);
            Files.writeString(dir.resolve(NEWEST_UNDO), """
                    -- Undoes AddQuizTimeLimit, with a mistake in its second statement.
                    DROP INDEX idx_quizzes_time_limit;
                    select *
                      from no_such_table;
                    ALTER TABLE quizzes DROP CONSTRAINT quizzes_time_limit_check;
                    ALTER TABLE quizzes DROP COLUMN time_limit;
                    """);
            Set<SchemaObject> before = snapshot(gateway);

            RollbackPlan plan = service.planRollback(2);
            assertThat(plan.steps().get(0).preview().problem()).isEqualTo(
                    "fails: ERROR: relation \"no_such_table\" does not exist (SQL state 42P01) at " + NEWEST_UNDO + " line 4");
            assertThat(plan.steps().get(1).preview().problem()).isEqualTo("not previewed: " + NEWEST_UNDO + " could not be previewed");

            assertThatThrownBy(() -> service.rollback(plan, MigrationListener.NONE))
                    .isInstanceOf(LmsdbException.class)
                    .hasMessageContaining("Rollback of 20231114140000 AddQuizTimeLimit failed: ERROR: relation \"no_such_table\" does not exist "
                            + "(SQL state 42P01) at " + NEWEST_UNDO + " line 4.")
                    .hasMessageContaining("Reverted: none")
                    .hasMessageContaining("Not reverted: 20231114140000 AddQuizTimeLimit, 20231114130000 AddCourseCategories")
                    .hasMessageContaining("Applied now: 20231114140000 AddQuizTimeLimit")
                    .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint()))
                            .isEqualTo("  Fix " + dir.resolve(NEWEST_UNDO) + ", then run the rollback again (mvn lmsdb:rollback -Dlmsdb.steps=2)."));

            assertThat(historyVersions(gateway)).containsExactlyElementsOf(LMS_VERSIONS);
            assertThat(columnExists(gateway, "quizzes", "time_limit")).isTrue();
            assertThat(indexExists(gateway, "idx_quizzes_time_limit")).isTrue();
            assertThat(columnExists(gateway, "courses", "category")).isTrue();
            assertThat(snapshot(gateway)).isEqualTo(before);
            assertThat(gateway.connection().getAutoCommit()).isTrue();
        }
    }

    @Test
    void failingMigrationIsRolledBackAndTheOnesBeforeItStayApplied() throws Exception {
        Path dir = failingPair();
        try (DatabaseGateway gateway = DatabaseGateway.connect(TestServer.newDatabase("life_failing"))) {
            MigrationService service = service(gateway, dir);

            assertThatThrownBy(() -> service.migrate(false, false, null, MigrationListener.NONE))
                    .isInstanceOf(LmsdbException.class)
                    .hasMessageContaining("Migration 2 B failed")
                    .hasMessageContaining("42P01")
                    .hasMessageContaining("V2__B.sql line 2")
                    .hasMessageContaining("rolled back")
                    .hasMessageContaining("Applied now: 1 A")
                    .hasMessage("Migration 2 B failed: ERROR: relation \"nope\" does not exist (SQL state 42P01)\n"
                            + "  File: " + dir.resolve("V2__B.sql") + " line 2\n"
                            + "  Its changes were rolled back (it ran in a transaction); the migrations before it stay applied.\n"
                            + "  Applied now: 1 A")
                    .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint())).startsWith("To recover")
                            .isEqualTo("To recover:\n  1. Fix V2__B.sql\n  2. Run: mvn lmsdb:migrate"));

            assertThat(tableExists(gateway, "a")).isTrue();
            assertThat(tableExists(gateway, "b")).isFalse();
            assertThat(historyVersions(gateway)).containsExactly("1");
        }
    }

    @Test
    void failingMigrationInAnAtomicRunRollsBackEveryMigrationOfTheRun() throws Exception {
        Path dir = failingPair();
        try (DatabaseGateway gateway = DatabaseGateway.connect(TestServer.newDatabase("life_atomic"))) {
            MigrationService service = service(gateway, dir);

            assertThatThrownBy(() -> service.migrate(false, true, null, MigrationListener.NONE))
                    .isInstanceOf(LmsdbException.class)
                    .hasMessageContaining("Migration 2 B failed")
                    .hasMessageContaining("every change of this run was rolled back")
                    .hasMessageContaining("Applied now: nothing");

            assertThat(tableExists(gateway, "a")).isFalse();
            assertThat(tableExists(gateway, "b")).isFalse();
            assertThat(historyVersions(gateway)).isEmpty();
        }
    }

    @Test
    void migrateRefusesAnAppliedMigrationEditedAfterwards() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("edited"));
        Files.writeString(dir.resolve("V1__A.sql"), "create table a (id int);\n");
        try (DatabaseGateway gateway = DatabaseGateway.connect(TestServer.newDatabase("life_edited"))) {
            MigrationService service = service(gateway, dir);
            service.migrate(false, false, null, MigrationListener.NONE);
            Files.writeString(dir.resolve("V1__A.sql"), "create table a (id int, x int);\n");
            Files.writeString(dir.resolve("V2__B.sql"), "create table b (id int);\n");

            assertThatThrownBy(() -> service.migrate(false, false, null, MigrationListener.NONE))
                    .isInstanceOf(LmsdbException.class)
                    .hasMessageContaining("edited after they were applied")
                    .hasMessageContaining("V1__A.sql")
                    .hasMessage("Applied migration(s) edited after they were applied (checksum differs from the history): V1__A.sql.");

            assertThat(tableExists(gateway, "b")).isFalse();
            assertThat(historyVersions(gateway)).containsExactly("1");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void createIndexConcurrentlyAloneInItsMigrationIsApplied() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("concurrently"));
        Files.writeString(dir.resolve("V1__CreateA.sql"), "create table a (id int);\ninsert into a select generate_series(1, 100);\n");
        Files.writeString(dir.resolve("V2__IndexA.sql"), "create index concurrently idx_a_id on a (id);\n");
        try (DatabaseGateway gateway = DatabaseGateway.connect(TestServer.newDatabase("life_concurrently"))) {
            MigrateResult result = service(gateway, dir).migrate(false, false, null, MigrationListener.NONE);

            assertThat(result.applied()).extracting(a -> a.migration().version()).containsExactly("1", "2");
            assertThat(indexExists(gateway, "idx_a_id")).isTrue();
            assertThat(count(gateway, "select count(*) from pg_index where indexrelid = 'idx_a_id'::regclass and indisvalid")).isEqualTo(1);
            assertThat(historyVersions(gateway)).containsExactly("1", "2");
        }
    }

    @Test
    void baselineAdoptsAnExistingDatabaseAndRunsOnlyTheLaterMigrations() throws Exception {
        Path dir = legacyMigrations();
        try (DatabaseGateway gateway = DatabaseGateway.connect(TestServer.newDatabase("life_baseline"))) {
            execute(gateway, "create table legacy (id int); insert into legacy values (7);");
            MigrationService service = service(gateway, dir);

            MigrateResult result = service.migrate(false, false, "1", MigrationListener.NONE);

            assertThat(result.baselinedAt()).isEqualTo("1");
            assertThat(result.applied()).extracting(a -> a.migration().version()).containsExactly("2");
            assertThat(history(gateway)).containsExactly("1 BASELINE", "2 SQL");
            assertThat(tableExists(gateway, "other")).isTrue();
            assertThat(count(gateway, "select count(*) from legacy")).isEqualTo(1);

            assertThatThrownBy(() -> service.migrate(false, false, "1", MigrationListener.NONE))
                    .isInstanceOf(LmsdbException.class)
                    .hasMessageContaining("already has")
                    .hasMessage("Cannot baseline at 1: the database already has 2 migration(s) in its history.");
            assertThat(history(gateway)).containsExactly("1 BASELINE", "2 SQL");
        }
    }

    @Test
    void dryRunWithBaselinePreviewsOnlyTheMigrationsAboveTheBaselineAndChangesNothing() throws Exception {
        Path dir = legacyMigrations();
        try (DatabaseGateway gateway = DatabaseGateway.connect(TestServer.newDatabase("life_baseline_dry"))) {
            execute(gateway, "create table legacy (id int);");

            MigrateResult result = service(gateway, dir).migrate(true, false, "1", MigrationListener.NONE);

            assertThat(result.dryRun()).isTrue();
            // What the real run would do: V1 is baselined, not run; so only V2 is previewed, and it can be.
            assertThat(result.previews()).extracting(p -> p.migration().version() + ": " + p.problem()).containsExactly("2: null");
            assertThat(result.previews().get(0).changes()).extracting(SchemaChange::describe).containsExactly("Create table: other");
            assertThat(tableExists(gateway, "flyway_schema_history")).isFalse();
            assertThat(tableExists(gateway, "other")).isFalse();
        }
    }

    @Test
    void rollbackStepsOutsideOneToTheAppliedCountAreRefused() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("steps"));
        for (int v = 1; v <= 3; v++) {
            Files.writeString(dir.resolve("V" + v + "__T" + v + ".sql"), "create table t" + v + " (id int);\n");
            Files.writeString(dir.resolve("U" + v + "__T" + v + ".sql"), "drop table t" + v + ";\n");
        }
        try (DatabaseGateway gateway = DatabaseGateway.connect(TestServer.newDatabase("life_steps"))) {
            MigrationService service = service(gateway, dir);
            assertThatThrownBy(() -> service.planRollback(1))
                    .isInstanceOf(LmsdbException.class)
                    .hasMessage("Invalid steps 1: 0 migration(s) are applied.");

            service.migrate(false, false, null, MigrationListener.NONE);

            for (int steps : new int[] {0, -1, 4}) {
                assertThatThrownBy(() -> service.planRollback(steps))
                        .isInstanceOf(LmsdbException.class)
                        .hasMessage("Invalid steps " + steps + ": 3 migration(s) are applied, so steps must be between 1 and 3.")
                        .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint())).isEqualTo("  For example: mvn lmsdb:rollback -Dlmsdb.steps=1"));
            }
            assertThat(historyVersions(gateway)).containsExactly("1", "2", "3");
            assertThat(service.planRollback(3).steps()).extracting(s -> s.migration().version()).containsExactly("3", "2", "1");
        }
    }

    @Test
    void dryRunPreviewsEveryMigrationAndLeavesTheDatabaseEmpty() throws Exception {
        try (DatabaseGateway gateway = DatabaseGateway.connect(TestServer.newDatabase("life_dry"))) {
            MigrateResult result = service(gateway, LMS).migrate(true, false, null, MigrationListener.NONE);

            assertThat(result.dryRun()).isTrue();
            assertThat(result.applied()).isEmpty();
            assertThat(result.pending()).extracting(MigrationEntry::version).containsExactlyElementsOf(LMS_VERSIONS);
            assertThat(result.previews()).extracting(p -> p.migration().version()).containsExactlyElementsOf(LMS_VERSIONS);
            assertThat(result.previews()).extracting(Preview::problem).containsOnlyNulls();
            assertThat(result.previews().get(0).changes()).extracting(SchemaChange::describe).containsExactly("Create table: users");
            assertThat(result.previews().get(14).changes()).extracting(SchemaChange::describe)
                    .containsExactly("Create column: quizzes.time_limit", "Create constraint: quizzes.quizzes_time_limit_check",
                            "Create index: idx_quizzes_time_limit");
            assertThat(result.latest()).isEmpty();

            assertThat(Scope.of(List.of("public")).applicationTables(gateway.connection())).isEmpty();
            assertThat(snapshot(gateway)).isEmpty();
            assertThat(tableExists(gateway, "flyway_schema_history")).isFalse();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Previews on a shadow copy on the test server, as lmsdb runs them. */
    private static MigrationService service(DatabaseGateway gateway, Path dir) {
        return new MigrationService(gateway, List.of("public"), dir, new io.github.lmsdb.core.shadow.ShadowPreviewer(gateway, List.of("public"), null,
                new io.github.lmsdb.core.backup.SchemaCopy(null, java.time.Duration.ofMinutes(5), "lmsdb:test")));
    }

    private Path copyLms() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("migration"));
        try (Stream<Path> files = Files.list(LMS)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName().toString()));
            }
        }
        return dir;
    }

    /** V1 creates table a; V2 creates table b and then fails on line 2. */
    private Path failingPair() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("failing"));
        Files.writeString(dir.resolve("V1__A.sql"), "create table a (id int);\n");
        Files.writeString(dir.resolve("V2__B.sql"), "create table b (id int);\ninsert into nope values (1);\n");
        return dir;
    }

    /** V1 creates the legacy table (which the database already has), V2 creates another. */
    private Path legacyMigrations() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("legacy"));
        Files.writeString(dir.resolve("V1__CreateLegacy.sql"), "create table legacy (id int);\n");
        Files.writeString(dir.resolve("V2__CreateOther.sql"), "create table other (id int);\n");
        return dir;
    }

    private static List<String> reversed(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static Set<SchemaObject> snapshot(DatabaseGateway gateway) throws SQLException {
        return new HashSet<>(CatalogDelta.objects(Catalog.read(gateway.connection(), List.of("public"))));
    }

    private static void execute(DatabaseGateway gateway, String sql) throws SQLException {
        try (Statement st = gateway.connection().createStatement()) {
            st.execute(sql);
        }
    }

    private static long count(DatabaseGateway gateway, String sql) throws SQLException {
        try (Statement st = gateway.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Versions in the history table in the order they were installed; empty when there is no history table. */
    private static List<String> historyVersions(DatabaseGateway gateway) throws SQLException {
        return history(gateway).stream().map(h -> h.substring(0, h.indexOf(' '))).toList();
    }

    /** {@code <version> <type>} of each versioned row of the history table, by installed rank. */
    private static List<String> history(DatabaseGateway gateway) throws SQLException {
        List<String> rows = new ArrayList<>();
        if (!tableExists(gateway, "flyway_schema_history")) {
            return rows;
        }
        try (Statement st = gateway.connection().createStatement();
                ResultSet rs = st.executeQuery("select version, type from flyway_schema_history where version is not null order by installed_rank")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return rows;
    }

    private static boolean tableExists(DatabaseGateway gateway, String table) throws SQLException {
        return exists(gateway, "select 1 from pg_tables where schemaname = 'public' and tablename = ?", table);
    }

    private static boolean indexExists(DatabaseGateway gateway, String index) throws SQLException {
        return exists(gateway, "select 1 from pg_indexes where schemaname = 'public' and indexname = ?", index);
    }

    private static boolean columnExists(DatabaseGateway gateway, String table, String column) throws SQLException {
        return exists(gateway, "select 1 from information_schema.columns where table_schema = 'public' and table_name = ? and column_name = ?",
                table, column);
    }

    private static boolean exists(DatabaseGateway gateway, String sql, String... parameters) throws SQLException {
        try (PreparedStatement ps = gateway.connection().prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
