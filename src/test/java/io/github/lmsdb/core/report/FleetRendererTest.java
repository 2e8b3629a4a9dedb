package io.github.lmsdb.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lmsdb.core.fleet.FleetBackupReport;
import io.github.lmsdb.core.fleet.FleetDriftReport;
import io.github.lmsdb.core.fleet.FleetMigrateReport;
import io.github.lmsdb.core.fleet.FleetStatusReport;
import io.github.lmsdb.core.fleet.TargetOutcome;
import io.github.lmsdb.core.fleet.TargetOutcome.State;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fleet's text tables, line by line, plain and in colour: they are what a pipeline's log shows, and the one layout
 * the renderer shares between them must not move a column.
 */
class FleetRendererTest {
    private static final String LAST = "20231114140000";

    private static FleetMigrateReport migrate() {
        return new FleetMigrateReport(List.of(
                new TargetOutcome("db1:5432/lms", State.DONE, null, LAST, List.of("1", "2", "3"), Duration.ofMillis(1234), null, null),
                new TargetOutcome("db1:5432/tenant_with_a_long_name", State.FAILED, "20231101090000", "20231102090000", List.of("20231102090000"),
                        Duration.ofMillis(512), "Migration V20231103090000__CreateQuizzes.sql failed: relation \"quizzes\" already exists", null),
                new TargetOutcome("db2:5432/b", State.UP_TO_DATE, LAST, LAST, List.of(), Duration.ZERO, null, null),
                new TargetOutcome("db2:5432/c", State.NOT_STARTED, null, null, List.of(), Duration.ZERO, null, null)),
                List.of("db1:5432/lms"), 4, "halted at the first failure (onError=halt)", Duration.ofMillis(65_200));
    }

    private static FleetMigrateReport preflightFailed() {
        return new FleetMigrateReport(List.of(
                new TargetOutcome("h:5432/a", State.PREFLIGHT_FAILED, "7", "7", List.of(), Duration.ZERO, "has tables but no migration history", null),
                new TargetOutcome("h:5432/b", State.NOT_STARTED, "7", "7", List.of(), Duration.ZERO, null, null)),
                List.of(), 8, "pre-flight failed", Duration.ofMillis(900));
    }

    private static FleetStatusReport status(boolean drift) {
        return new FleetStatusReport(List.of(
                new FleetStatusReport.Line("db1:5432/lms", LAST, 15, List.of(), drift ? 0 : null, 9_000_000L, "development", null, null),
                new FleetStatusReport.Line("db1:5432/tenant_with_a_long_name", "20231101090000", 1, List.of("20231101100000", "20231102090000"),
                        drift ? 3 : null, 1_234_567L, null, null, null),
                new FleetStatusReport.Line("db2:5432/new", null, 0, List.of("1"), null, 7_000L, "production", null, null),
                new FleetStatusReport.Line("db9:5432/gone", null, 0, List.of(), null, 0, null, "Cannot connect to PostgreSQL at db9:5432", null)));
    }

    private static FleetDriftReport drift() {
        return new FleetDriftReport(List.of(
                new FleetDriftReport.Line("db1:5432/lms", LAST, List.of(), null, null),
                new FleetDriftReport.Line("db1:5432/x", "3", List.of("index idx_items_name added", "column items.price default changed"), null, null),
                new FleetDriftReport.Line("a", null, List.of(), "Cannot connect", null)));
    }

    private static FleetBackupReport backup() {
        return new FleetBackupReport(List.of(
                new FleetBackupReport.Line("db1:5432/lms", Path.of("backups", "db1_5432_lms", "lms-1.sql"), 3_456_789L, LAST, Duration.ofMillis(2_345),
                        null, null),
                new FleetBackupReport.Line("db", null, 0, null, Duration.ofMillis(100), "pg_dump failed", null)));
    }

    @Test
    void migrateTableLinesUpTargetsResultsAndVersionsWithEachErrorUnderItsTarget() {
        assertThat(FleetRenderer.migrateText(migrate(), Style.PLAIN)).containsExactly(
                "Fleet migrate: 4 target(s), parallel 4, canary db1:5432/lms",
                "  TARGET                            RESULT             BEFORE          AFTER           APPLIED      TIME",
                "  db1:5432/lms                      done               -               20231114140000        3     1.2 s",
                "  db1:5432/tenant_with_a_long_name  failed             20231101090000  20231102090000        1     0.5 s",
                "      Migration V20231103090000__CreateQuizzes.sql failed: relation \"quizzes\" already exists",
                "  db2:5432/b                        up to date         20231114140000  20231114140000        0          ",
                "  db2:5432/c                        not started        -               -                     0          ",
                "Total: 1 done, 1 up to date, 1 failed, 1 not started in 65.2 s (halted at the first failure (onError=halt))");
        assertThat(shown(FleetRenderer.migrateText(migrate(), Style.ANSI))).containsExactly(
                "^[[1mFleet migrate: 4 target(s), parallel 4, canary db1:5432/lms^[[0m",
                "  TARGET                            RESULT             BEFORE          AFTER           APPLIED      TIME",
                "  db1:5432/lms                      ^[[32mdone             ^[[0m  -               20231114140000        3     1.2 s",
                "  db1:5432/tenant_with_a_long_name  ^[[31;1mfailed           ^[[0m  20231101090000  20231102090000        1     0.5 s",
                "      Migration V20231103090000__CreateQuizzes.sql failed: relation \"quizzes\" already exists",
                "  db2:5432/b                        ^[[32mup to date       ^[[0m  20231114140000  20231114140000        0          ",
                "  db2:5432/c                        ^[[33mnot started      ^[[0m  -               -                     0          ",
                "Total: 1 done, 1 up to date, 1 failed, 1 not started in 65.2 s (halted at the first failure (onError=halt))");
    }

    @Test
    void aPreflightFailureTableIsAsWideAsItsLongestResult() {
        assertThat(FleetRenderer.migrateText(preflightFailed(), Style.PLAIN)).containsExactly(
                "Fleet migrate: 2 target(s), parallel 8",
                "  TARGET    RESULT             BEFORE  AFTER   APPLIED      TIME",
                "  h:5432/a  pre-flight failed  7       7             0          ",
                "      has tables but no migration history",
                "  h:5432/b  not started        7       7             0          ",
                "Total: 0 done, 0 up to date, 1 failed, 1 not started in 0.9 s (pre-flight failed)");
        assertThat(shown(FleetRenderer.migrateText(preflightFailed(), Style.ANSI))).containsExactly(
                "^[[1mFleet migrate: 2 target(s), parallel 8^[[0m",
                "  TARGET    RESULT             BEFORE  AFTER   APPLIED      TIME",
                "  h:5432/a  ^[[31;1mpre-flight failed^[[0m  7       7             0          ",
                "      has tables but no migration history",
                "  h:5432/b  ^[[33mnot started      ^[[0m  7       7             0          ",
                "Total: 0 done, 0 up to date, 1 failed, 1 not started in 0.9 s (pre-flight failed)");
    }

    @Test
    void statusTableWithDriftShowsTheUnreadableFirstThenTheMostPending() {
        assertThat(FleetRenderer.statusText(status(true), Style.PLAIN)).containsExactly(
                "Fleet status: 4 targets",
                "  TARGET                            VERSION         PENDING  DRIFT        SIZE  STAMP",
                "  db9:5432/gone                     unreadable: Cannot connect to PostgreSQL at db9:5432",
                "  db1:5432/tenant_with_a_long_name  20231101090000        2      3      1.2 MB  ",
                "  db2:5432/new                      -                     1             6.8 kB  production",
                "  db1:5432/lms                      20231114140000        0   none      8.6 MB  development",
                "Totals: 4 targets, 2 with pending (3 migrations), 1 unreachable, 1 drifted, 9.8 MB");
        assertThat(shown(FleetRenderer.statusText(status(true), Style.ANSI))).containsExactly(
                "^[[1mFleet status: 4 targets^[[0m",
                "  TARGET                            VERSION         PENDING  DRIFT        SIZE  STAMP",
                "  db9:5432/gone                     ^[[31;1munreadable: Cannot connect to PostgreSQL at db9:5432^[[0m",
                "  db1:5432/tenant_with_a_long_name  20231101090000  ^[[33m      2^[[0m  ^[[31;1m    3^[[0m      1.2 MB  ",
                "  db2:5432/new                      -               ^[[33m      1^[[0m             6.8 kB  production",
                "  db1:5432/lms                      20231114140000        0   none      8.6 MB  development",
                "Totals: 4 targets, 2 with pending (3 migrations), 1 unreachable, 1 drifted, 9.8 MB");
    }

    @Test
    void statusTableWithoutDriftHasNoDriftColumn() {
        assertThat(FleetRenderer.statusText(status(false), Style.PLAIN)).containsExactly(
                "Fleet status: 4 targets",
                "  TARGET                            VERSION         PENDING        SIZE  STAMP",
                "  db9:5432/gone                     unreadable: Cannot connect to PostgreSQL at db9:5432",
                "  db1:5432/tenant_with_a_long_name  20231101090000        2      1.2 MB  ",
                "  db2:5432/new                      -                     1      6.8 kB  production",
                "  db1:5432/lms                      20231114140000        0      8.6 MB  development",
                "Totals: 4 targets, 2 with pending (3 migrations), 1 unreachable, 9.8 MB");
        assertThat(shown(FleetRenderer.statusText(status(false), Style.ANSI))).containsExactly(
                "^[[1mFleet status: 4 targets^[[0m",
                "  TARGET                            VERSION         PENDING        SIZE  STAMP",
                "  db9:5432/gone                     ^[[31;1munreadable: Cannot connect to PostgreSQL at db9:5432^[[0m",
                "  db1:5432/tenant_with_a_long_name  20231101090000  ^[[33m      2^[[0m      1.2 MB  ",
                "  db2:5432/new                      -               ^[[33m      1^[[0m      6.8 kB  production",
                "  db1:5432/lms                      20231114140000        0      8.6 MB  development",
                "Totals: 4 targets, 2 with pending (3 migrations), 1 unreachable, 9.8 MB");
    }

    @Test
    void driftListsEachTargetsDifferencesUnderIt() {
        assertThat(FleetRenderer.driftText(drift(), Style.PLAIN)).containsExactly(
                "Fleet drift: 3 targets",
                "  db1:5432/lms  none (replayed up to 20231114140000)",
                "  db1:5432/x    2 difference(s)",
                "      index idx_items_name added",
                "      column items.price default changed",
                "  a             not checked: Cannot connect",
                "Totals: 3 targets, 1 drifted, 1 not checked");
        assertThat(shown(FleetRenderer.driftText(drift(), Style.ANSI))).containsExactly(
                "^[[1mFleet drift: 3 targets^[[0m",
                "  db1:5432/lms  none (replayed up to 20231114140000)",
                "  db1:5432/x    ^[[31;1m2 difference(s)^[[0m",
                "      index idx_items_name added",
                "      column items.price default changed",
                "  a             ^[[31;1mnot checked: Cannot connect^[[0m",
                "Totals: 3 targets, 1 drifted, 1 not checked");
    }

    @Test
    void backupTableShowsAFailedDatabaseWithItsError() {
        assertThat(FleetRenderer.backupText(backup(), Style.PLAIN)).containsExactly(
                "Fleet backup: 2 database(s)",
                "  DATABASE      STATE         SIZE      TIME  FILE",
                "  db1:5432/lms  done        3.3 MB     2.3 s  backups/db1_5432_lms/lms-1.sql",
                "  db            FAILED  pg_dump failed",
                "Totals: 1 backed up, 1 failed, 3.3 MB");
        assertThat(shown(FleetRenderer.backupText(backup(), Style.ANSI))).containsExactly(
                "^[[1mFleet backup: 2 database(s)^[[0m",
                "  DATABASE      STATE         SIZE      TIME  FILE",
                "  db1:5432/lms  done        3.3 MB     2.3 s  backups/db1_5432_lms/lms-1.sql",
                "  db            ^[[31;1mFAILED^[[0m  pg_dump failed",
                "Totals: 1 backed up, 1 failed, 3.3 MB");
    }

    /** The lines with the escape character shown as ^[, so that the expected colours read in the source. */
    private static List<String> shown(List<String> lines) {
        return lines.stream().map(l -> l.replace("\u001B", "^[")).toList();
    }
}
