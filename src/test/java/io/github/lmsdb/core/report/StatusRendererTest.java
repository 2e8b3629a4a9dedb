package io.github.lmsdb.core.report;

import io.github.lmsdb.maven.MavenWords;
import io.github.lmsdb.core.json.JsonReader;
import io.github.lmsdb.core.app.StatusReport;
import io.github.lmsdb.core.backup.Leftovers;
import io.github.lmsdb.core.migrate.MigrationLock;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.lmsdb.core.config.Environment;
import io.github.lmsdb.core.db.ServerInfo;
import io.github.lmsdb.core.db.TableInfo;
import io.github.lmsdb.core.migrate.MigrationEntry;
import io.github.lmsdb.core.migrate.MigrationEntry.State;
import io.github.lmsdb.core.migrate.MigrationStatus;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusRendererTest {
    private static final Path MIGRATIONS = Path.of("src", "main", "resources", "db", "migration");
    private static final Instant INSTALLED = Instant.parse("2023-11-14T11:05:00Z");
    private static final ServerInfo SERVER = new ServerInfo("15.19", 150019, "lms_db", "postgres", 47_395_635L);
    private static final List<TableInfo> TWO_TABLES = List.of(new TableInfo("public", "users", 120), new TableInfo("audit", "events", -1));

    @Test
    void plainTextReportShowsCountsLastMigrationPendingListTablesAndSize() {
        List<String> lines = StatusRenderer.text(fifteenWithThreePending(false, true), Style.PLAIN, MavenWords.INSTANCE);

        assertThat(lines).containsExactly(
                "Database Status Report",
                "======================",
                "Connection: Connected to PostgreSQL 15.19",
                "Database: lms_db",
                "Host: localhost:5432",
                "User: postgres",
                "Environment: development",
                "",
                "Migrations Status:",
                "- Total migrations: 15",
                "- Executed: 12",
                "- Pending: 3",
                "- Last migration: 20231114110000 AddQuizAttempts",
                "Pending:",
                "- 20231115090000 AddCertificates",
                "- 20231116090000 AddBadges",
                "- 20231117090000 AddForums",
                "",
                "Tables: 2",
                "- users",
                "- audit.events",
                "",
                "Database Size: 45.2 MB");
    }

    @Test
    void embeddedServerIsMarkedOnTheHostLine() {
        List<String> lines = StatusRenderer.text(fifteenWithThreePending(true, true), Style.PLAIN, MavenWords.INSTANCE);

        assertThat(lines).contains("Host: localhost:5432 (embedded)");
    }

    @Test
    void absentMigrationsDirectoryIsWarnedAboutUnderMigrationsStatus() {
        StatusReport report = new StatusReport(SERVER, "localhost:5432", false, Environment.STAGING, MIGRATIONS, false,
                new MigrationStatus(List.of()), List.of(), null, List.of());

        List<String> lines = StatusRenderer.text(report, Style.PLAIN, MavenWords.INSTANCE);

        assertThat(lines).containsSubsequence(
                "Environment: staging",
                "",
                "Migrations Status:",
                "- Migrations directory not found: " + MIGRATIONS,
                "- Total migrations: 0",
                "- Executed: 0",
                "- Pending: 0",
                "- Last migration: none",
                "",
                "Tables: 0",
                "",
                "Database Size: 45.2 MB");
        assertThat(lines).doesNotContain("Pending:");
    }

    @Test
    void upToDateReportHasNoPendingSection() {
        List<MigrationEntry> entries = List.of(applied("20231101090000", "CreateUsers"));
        StatusReport report = new StatusReport(SERVER, "localhost:5432", false, Environment.DEVELOPMENT, MIGRATIONS, true,
                new MigrationStatus(entries), TWO_TABLES, null, List.of());

        List<String> lines = StatusRenderer.text(report, Style.PLAIN, MavenWords.INSTANCE);

        assertThat(lines).containsSubsequence("- Pending: 0", "- Last migration: 20231101090000 CreateUsers", "", "Tables: 2");
        assertThat(lines).doesNotContain("Pending:", "Failed:", "Applied but missing their file:");
    }

    @Test
    void plainTextHasNoEscapeCharacterAndAnsiHas() {
        StatusReport report = withMissingAndFailed();

        List<String> plain = StatusRenderer.text(report, Style.PLAIN, MavenWords.INSTANCE);
        List<String> ansi = StatusRenderer.text(report, Style.ANSI, MavenWords.INSTANCE);

        assertThat(String.join("\n", plain)).doesNotContain("\u001B");
        assertThat(String.join("\n", ansi)).contains("\u001B");
        assertThat(ansi.get(0)).isEqualTo("\u001B[1mDatabase Status Report\u001B[0m");
        assertThat(ansi).contains("\u001B[33m- Pending: 1\u001B[0m");
    }

    @Test
    void missingAndFailedMigrationsAreListedUnderTheirHeadings() {
        List<String> lines = StatusRenderer.text(withMissingAndFailed(), Style.PLAIN, MavenWords.INSTANCE);

        assertThat(lines).containsSubsequence(
                "Migrations Status:",
                "- Total migrations: 3",
                "- Executed: 1",
                "- Pending: 1",
                "- Last migration: 20231102090000 CreateCourses",
                "Pending:",
                "- 20231104090000 AddGrades",
                "Failed:",
                "- 20231103090000 AddIndex (failed: revert it with mvn lmsdb:rollback, fix it, migrate again)",
                "Applied but missing their file:",
                "- 20231102090000 CreateCourses (file not found in " + MIGRATIONS + ")",
                "",
                "Tables: 2");
    }

    @Test
    void ignoredMigrationsAreListedUnderTheirHeading() {
        List<MigrationEntry> entries = List.of(
                applied("20231101090000", "CreateUsers"),
                new MigrationEntry("20231102090000", "CreateCourses", State.IGNORED, "V20231102090000__CreateCourses.sql", null),
                applied("20231103090000", "AddIndex"));
        StatusReport report = new StatusReport(SERVER, "localhost:5432", false, Environment.DEVELOPMENT, MIGRATIONS, true,
                new MigrationStatus(entries), TWO_TABLES, null, List.of());

        assertThat(StatusRenderer.text(report, Style.PLAIN, MavenWords.INSTANCE)).containsSubsequence(
                "- Total migrations: 3",
                "- Executed: 2",
                "- Pending: 0",
                "- Last migration: 20231103090000 AddIndex",
                "Not applied, older than the last applied (ignored):",
                "- 20231102090000 CreateCourses",
                "");
    }

    @Test
    void jsonCarriesTheCountsTablesAndSize() {
        String json = StatusRenderer.json(fifteenWithThreePending(false, true));

        assertThat(json)
                .contains("\"pending\":3")
                .contains("\"tableCount\":2")
                .contains("\"total\":15")
                .contains("\"executed\":12")
                .contains("\"databaseSize\":\"45.2 MB\"")
                .contains("\"databaseSizeBytes\":47395635")
                .doesNotContain("\n");
    }

    @Test
    void jsonParsesToTheExpectedStructure() {
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) JsonReader.read(StatusRenderer.json(fifteenWithThreePending(false, true)));

        assertThat(doc).containsOnlyKeys("connected", "serverVersion", "database", "host", "embedded", "user", "environment",
                "migrations", "tableCount", "tables", "databaseSizeBytes", "databaseSize", "stampedEnvironment", "recentChanges", "migrationLock", "leftovers", "backups", "asideDatabases", "backupsAndAsideBytes");
        assertThat(doc.keySet()).containsExactly("connected", "serverVersion", "database", "host", "embedded", "user", "environment",
                "migrations", "tableCount", "tables", "databaseSizeBytes", "databaseSize", "stampedEnvironment", "recentChanges", "migrationLock", "leftovers", "backups", "asideDatabases", "backupsAndAsideBytes");
        assertThat(doc).containsEntry("connected", true)
                .containsEntry("serverVersion", "15.19")
                .containsEntry("database", "lms_db")
                .containsEntry("host", "localhost:5432")
                .containsEntry("embedded", false)
                .containsEntry("user", "postgres")
                .containsEntry("environment", "development")
                .containsEntry("tableCount", new BigDecimal("2"))
                .containsEntry("databaseSizeBytes", new BigDecimal("47395635"))
                .containsEntry("databaseSize", "45.2 MB");

        @SuppressWarnings("unchecked")
        Map<String, Object> migrations = (Map<String, Object>) doc.get("migrations");
        assertThat(migrations).containsEntry("directory", MIGRATIONS.toString())
                .containsEntry("total", new BigDecimal("15"))
                .containsEntry("executed", new BigDecimal("12"))
                .containsEntry("pending", new BigDecimal("3"))
                .containsEntry("failedMigrations", List.of())
                .containsEntry("missingMigrations", List.of())
                .containsEntry("ignoredMigrations", List.of());
        assertThat(migrations.get("last")).isEqualTo(entryMap("20231114110000", "AddQuizAttempts", "applied",
                "V20231114110000__AddQuizAttempts.sql", INSTALLED.toString()));
        assertThat(migrations.get("pendingMigrations")).isEqualTo(List.of(
                entryMap("20231115090000", "AddCertificates", "pending", "V20231115090000__AddCertificates.sql", null),
                entryMap("20231116090000", "AddBadges", "pending", "V20231116090000__AddBadges.sql", null),
                entryMap("20231117090000", "AddForums", "pending", "V20231117090000__AddForums.sql", null)));

        assertThat(doc.get("tables")).isEqualTo(List.of(
                Map.of("schema", "public", "name", "users", "estimatedRows", new BigDecimal("120")),
                Map.of("schema", "audit", "name", "events", "estimatedRows", new BigDecimal("-1"))));
    }

    @Test
    void jsonListsMissingAndFailedMigrationsWithNullScriptForTheMissingOne() {
        @SuppressWarnings("unchecked")
        Map<String, Object> migrations =
                (Map<String, Object>) ((Map<String, Object>) JsonReader.read(StatusRenderer.json(withMissingAndFailed()))).get("migrations");

        assertThat(migrations.get("failedMigrations")).isEqualTo(List.of(
                entryMap("20231103090000", "AddIndex", "failed", "V20231103090000__AddIndex.sql", INSTALLED.toString())));
        assertThat(migrations.get("missingMigrations")).isEqualTo(List.of(
                entryMap("20231102090000", "CreateCourses", "missing", null, INSTALLED.toString())));
    }

    @Test
    void jsonWithNothingAppliedHasNullLast() {
        StatusReport report = new StatusReport(SERVER, "localhost:5432", true, Environment.PRODUCTION, MIGRATIONS, false,
                new MigrationStatus(List.of()), List.of(), null, List.of());

        String json = StatusRenderer.json(report);

        assertThat(json).contains("\"last\":null").contains("\"tableCount\":0").contains("\"tables\":[]")
                .contains("\"embedded\":true").contains("\"environment\":\"production\"");
        assertThat(JsonReader.read(json)).isInstanceOf(Map.class);
    }

    private static StatusReport fifteenWithThreePending(boolean embedded, boolean directoryExists) {
        String[] appliedNames = {"CreateUsers", "CreateCourses", "CreateEnrollments", "CreateLessons", "CreateAssignments",
            "CreateSubmissions", "CreateGrades", "AddUserRoles", "AddCourseTags", "CreateQuizzes", "CreateQuizQuestions"};
        List<MigrationEntry> entries = new ArrayList<>();
        for (int i = 0; i < appliedNames.length; i++) {
            entries.add(applied(String.format("202311%02d090000", i + 1), appliedNames[i]));
        }
        entries.add(applied("20231114110000", "AddQuizAttempts"));
        entries.add(pending("20231115090000", "AddCertificates"));
        entries.add(pending("20231116090000", "AddBadges"));
        entries.add(pending("20231117090000", "AddForums"));
        return new StatusReport(SERVER, "localhost:5432", embedded, Environment.DEVELOPMENT, MIGRATIONS, directoryExists,
                new MigrationStatus(entries), TWO_TABLES, null, List.of());
    }

    @Test
    void textNamesTheLockHolderAndEachLeftoverWithTheCommandThatRemovesIt() {
        StatusReport base = fifteenWithThreePending(false, true);
        io.github.lmsdb.core.db.RunOwner gone = new io.github.lmsdb.core.db.RunOwner(4711, "elsewhere");
        Leftovers.Leftover partial = new Leftovers.Leftover(Leftovers.Kind.UNFINISHED_BACKUP, ".lms_db_20240101_000000.sql.4711@h.partial",
                Path.of("backups/.lms_db_20240101_000000.sql.4711@h.partial"), 2048, true, gone, "its run (pid 4711 on h) is gone",
                "rm -r /p/backups/.lms_db_20240101_000000.sql.4711@h.partial");
        Leftovers.Leftover aside = new Leftovers.Leftover(Leftovers.Kind.ASIDE_DATABASE, "lms_db_before_restore_20240101_000000", null,
                1024 * 1024, false, null, "the previous database, kept as a safety copy",
                "dropdb -h localhost -p 5432 -U postgres lms_db_before_restore_20240101_000000");
        MigrationLock.Holder holder = new MigrationLock.Holder(123, "lmsdb:migrate:0badc0de-4711@elsewhere", "active",
                Instant.parse("2024-01-01T10:00:00Z"));
        StatusReport report = new StatusReport(base.server(), base.hostAndPort(), base.embedded(), base.environment(),
                base.migrationsDirectory(), base.migrationsDirectoryExists(), base.migrations(), base.tables(), null, List.of(),
                List.of(partial, aside), holder);

        List<String> lines = StatusRenderer.text(report, Style.PLAIN, MavenWords.INSTANCE);

        assertThat(lines).contains(
                "Migration lock: held by server process 123, lmsdb:migrate:0badc0de-4711@elsewhere, active since 2024-01-01 10:00:00; "
                        + "an lmsdb run (migrate) on another host (elsewhere)",
                "Leftovers of interrupted runs: 2",
                "- unfinished backup file backups/.lms_db_20240101_000000.sql.4711@h.partial (2.0 kB): its run (pid 4711 on h) is gone; "
                        + "the next mvn lmsdb:backup removes it",
                "    remove with: rm -r /p/backups/.lms_db_20240101_000000.sql.4711@h.partial",
                "- database kept aside by a restore lms_db_before_restore_20240101_000000 (1.0 MB): the previous database, kept as a safety copy",
                "    remove with: dropdb -h localhost -p 5432 -U postgres lms_db_before_restore_20240101_000000");
        @SuppressWarnings("unchecked")
        Map<String, Object> lock = (Map<String, Object>) ((Map<String, Object>) JsonReader.read(StatusRenderer.json(report))).get("migrationLock");
        assertThat(lock).containsEntry("held", true).containsEntry("goal", "migrate").containsEntry("host", "elsewhere")
                .containsEntry("runAlive", null);
    }

    private static StatusReport withMissingAndFailed() {
        List<MigrationEntry> entries = List.of(
                applied("20231101090000", "CreateUsers"),
                new MigrationEntry("20231102090000", "CreateCourses", State.MISSING, null, INSTALLED),
                new MigrationEntry("20231103090000", "AddIndex", State.FAILED, "V20231103090000__AddIndex.sql", INSTALLED),
                pending("20231104090000", "AddGrades"));
        return new StatusReport(SERVER, "localhost:5432", false, Environment.DEVELOPMENT, MIGRATIONS, true,
                new MigrationStatus(entries), TWO_TABLES, null, List.of());
    }

    private static MigrationEntry applied(String version, String description) {
        return new MigrationEntry(version, description, State.APPLIED, "V" + version + "__" + description + ".sql", INSTALLED);
    }

    private static MigrationEntry pending(String version, String description) {
        return new MigrationEntry(version, description, State.PENDING, "V" + version + "__" + description + ".sql", null);
    }

    private static Map<String, Object> entryMap(String version, String description, String state, String script, String installedOn) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("version", version);
        map.put("description", description);
        map.put("state", state);
        map.put("script", script);
        map.put("installedOn", installedOn);
        return map;
    }
}
