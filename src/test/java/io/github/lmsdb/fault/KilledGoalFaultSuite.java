package io.github.lmsdb.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.app.Options;
import io.github.lmsdb.core.app.RollbackOutcome;
import io.github.lmsdb.core.backup.BackupFormat;
import io.github.lmsdb.core.backup.BackupResult;
import io.github.lmsdb.core.backup.BackupService;
import io.github.lmsdb.core.backup.RestoreResult;
import io.github.lmsdb.core.config.Environment;
import io.github.lmsdb.core.db.Identifiers;
import io.github.lmsdb.core.db.ServerAdmin;
import io.github.lmsdb.core.db.ShadowDatabase;
import io.github.lmsdb.core.migrate.MigrateResult;
import io.github.lmsdb.core.seed.SeedResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Safe under faults (issue 11): each goal runs in a JVM of its own, is killed with {@code kill -9}
 * at a point the test chooses by watching the server or the file system (never by a sleep), and
 * then: the database is consistent (schema and history agree, all-or-nothing where promised),
 * no row present before is lost, the client tools are gone within 10 s, what the dead run left is
 * recorded, and the next run of the same goal, in this JVM, succeeds.
 *
 * <p>Slow (a JVM per run), so it is not among the fast tests: its name ends in {@code FaultSuite},
 * which the default surefire run does not include; {@code ./mvnw verify} runs it (execution
 * {@code fault-suite}), and {@code ./mvnw test -Dtest=KilledGoalFaultSuite} runs it alone. It writes
 * its table to {@code target/fault-table.md}.
 */
@EnabledOnOs(OS.LINUX)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KilledGoalFaultSuite {
    private static final int RUNS = 2;
    private static final FaultTable TABLE = new FaultTable();
    private static final long STARTED = System.nanoTime();

    @TempDir
    Path temp;

    @AfterAll
    static void writeTable() throws Exception {
        String heading = "Fault suite (KilledGoalFaultSuite): kill -9 of the goal's JVM, " + RUNS + " runs per scenario, "
                + Duration.ofNanos(System.nanoTime() - STARTED).toSeconds() + " s";
        Path file = Path.of(System.getProperty("lmsdb.test.work", "target/test-work")).toAbsolutePath().getParent().resolve("fault-table.md");
        TABLE.write(file, heading);
        System.out.println(heading + "\n\n" + TABLE.markdown() + "\n(written to " + file + ")");
    }

    // ------------------------------------------------------------------ migrate

    @Order(1)
    @RepeatedTest(RUNS)
    void migrateKilledInsideAMigrationKeepsTheEarlierOnesAndTheNextRunAppliesTheRest() throws Exception {
        try (FaultFixture f = FaultFixture.create(temp)) {
            migrated(f);
            pendingWithGateInV3(f);
            f.closeGate();
            f.start("migrate", null);
            f.awaitGate("V3 runs its gate");
            List<String> tools = f.kill();
            List<String> afterKill = f.leftovers();

            long lost = f.preciousRowsLost();
            assertThat(lost).isZero();
            // Each migration in its own transaction: V2 stays applied, V3 is wholly rolled back (m3 was created before the gate).
            f.assertSchemaMatchesHistory(4, "1", "2");

            assertThat(f.deadStatementStillRuns()).as("the dead run's statement still runs when the next run starts").isTrue();
            MigrateResult next;
            try (Lmsdb lmsdb = f.lmsdb("migrate")) {
                next = lmsdb.migrate(new Options.Migrate(false, false, null, false, f.database));
            }
            f.awaitDeadRunGone();
            assertThat(next.applied()).hasSize(2);
            f.assertSchemaMatchesHistory(4, "1", "2", "3", "4");
            List<String> afterNext = f.leftovers();
            assertThat(afterNext).isEmpty();
            TABLE.record("migrate", "V3 of V2..V4 runs (V2 committed)", lost, tools, afterKill, afterNext, "succeeded: applied V3, V4");
        }
    }

    @Order(2)
    @RepeatedTest(RUNS)
    void atomicMigrateKilledInsideTheSecondMigrationAppliesNothingAndTheNextRunAppliesAll() throws Exception {
        try (FaultFixture f = FaultFixture.create(temp)) {
            migrated(f);
            pendingWithGateInV3(f);
            f.closeGate();
            f.start("atomic-migrate", null);
            f.awaitGate("V3 runs its gate");
            List<String> tools = f.kill();
            List<String> afterKill = f.leftovers();

            long lost = f.preciousRowsLost();
            assertThat(lost).isZero();
            // All or nothing: V2 ran before V3 in the same transaction and is gone with it.
            f.assertSchemaMatchesHistory(4, "1");

            assertThat(f.deadStatementStillRuns()).as("the dead run's statement still runs when the next run starts").isTrue();
            MigrateResult next;
            try (Lmsdb lmsdb = f.lmsdb("migrate")) {
                next = lmsdb.migrate(new Options.Migrate(false, true, null, false, f.database));
            }
            f.awaitDeadRunGone();
            assertThat(next.applied()).hasSize(3);
            f.assertSchemaMatchesHistory(4, "1", "2", "3", "4");
            List<String> afterNext = f.leftovers();
            assertThat(afterNext).isEmpty();
            TABLE.record("atomic migrate", "V3 of V2..V4 runs, in one transaction", lost, tools, afterKill, afterNext,
                    "succeeded: applied V2, V3, V4");
        }
    }

    // ------------------------------------------------------------------ rollback

    @Order(3)
    @RepeatedTest(RUNS)
    void rollbackKilledWhilePreviewingItsUndoScriptsChangesNothingAndTheNextRunRevertsBoth() throws Exception {
        try (FaultFixture f = FaultFixture.create(temp)) {
            // The gate waits only in the goal's JVM: the next run, in this JVM, previews and runs U2 while the dead statement still waits.
            rollbackSource(f, f.gateInGoalJvm("true"));
            f.closeGate();
            FaultFixture.Child child = f.start("rollback", "2");
            // The plan previews the undo scripts on a shadow copy, a database of its own on the server: U2's gate waits there.
            String shadow = f.awaitServer("the preview of U2 runs its gate on the shadow copy", "select datname from pg_stat_activity "
                    + "where application_name = ? and state = 'active' and wait_event = 'PgSleep'", child.applicationName()).get(0);
            assertThat(shadow).startsWith(ShadowDatabase.PREFIX + "preview_");
            List<String> tools = f.kill();
            List<String> afterKill = f.leftovers();

            long lost = f.preciousRowsLost();
            assertThat(lost).isZero();
            // Nothing of the preview ran on the target: every version and its table is there, while the dead statement still runs.
            f.assertSchemaMatchesHistory(3, "1", "2", "3");
            assertThat(f.serverQuery("select 1 from pg_stat_activity where application_name = ? and datname = ?", child.applicationName(),
                    f.database)).as("no session of the dead run left on the target").isEmpty();

            assertThat(f.deadStatementStillRuns()).as("the dead run's statement still runs when the next run starts").isTrue();
            RollbackOutcome next;
            try (Lmsdb lmsdb = f.lmsdb("rollback")) {
                next = lmsdb.rollback(new Options.Rollback(2, false, false, f.database));
            }
            assertThat(next.result().reverted()).hasSize(2);
            f.assertSchemaMatchesHistory(3, "1");
            assertThat(f.databaseExists(shadow)).as("the next rollback dropped the dead run's shadow copy").isFalse();
            f.awaitDeadRunGone();
            List<String> afterNext = f.leftovers();
            assertThat(afterNext).isEmpty();
            TABLE.record("rollback (preview)", "its plan previews U3, U2 on a shadow copy (`lmsdb_shadow_preview_*`)", lost, tools, afterKill,
                    afterNext, "succeeded: dropped the dead run's shadow copy, reverted V3, V2 (steps=2)");
        }
    }

    /** V1..V3 applied with undo scripts U2, U3; U2 drops m2 and then runs {@code gate}. */
    private static void rollbackSource(FaultFixture f, String gate) throws Exception {
        f.migration("V1__precious.sql", PRECIOUS);
        f.migration("V2__m2.sql", "create table m2 (id int);\n");
        f.migration("U2__m2.sql", "drop table m2;\n" + gate);
        f.migration("V3__m3.sql", "create table m3 (id int);\n");
        f.migration("U3__m3.sql", "drop table m3;\n");
        try (Lmsdb lmsdb = f.lmsdb("migrate")) {
            lmsdb.migrate(new Options.Migrate(false, false, null, false, f.database));
        }
        f.insertPrecious();
    }

    @Order(4)
    @RepeatedTest(RUNS)
    void rollbackKilledInsideTheSecondUndoKeepsTheFirstRevertedAndTheNextRunRevertsTheRest() throws Exception {
        try (FaultFixture f = FaultFixture.create(temp)) {
            // The gate waits only in the real run: there, U3's step has committed and removed V3's history row; the preview keeps it.
            rollbackSource(f, f.gateInGoalJvm("not exists (select 1 from flyway_schema_history where version = '3')"));
            f.closeGate();
            f.start("rollback", "2");
            f.awaitGate("U2 runs its gate");
            List<String> tools = f.kill();
            List<String> afterKill = f.leftovers();

            long lost = f.preciousRowsLost();
            assertThat(lost).isZero();
            // Each step (undo script and history row) in one transaction: U3 is done, U2 (m2 dropped before the gate) is not.
            f.assertSchemaMatchesHistory(3, "1", "2");

            assertThat(f.deadStatementStillRuns()).as("the dead run's statement still runs when the next run starts").isTrue();
            RollbackOutcome next;
            try (Lmsdb lmsdb = f.lmsdb("rollback")) {
                next = lmsdb.rollback(new Options.Rollback(1, false, false, f.database));
            }
            f.awaitDeadRunGone();
            assertThat(next.result().reverted()).hasSize(1);
            f.assertSchemaMatchesHistory(3, "1");
            List<String> afterNext = f.leftovers();
            assertThat(afterNext).isEmpty();
            TABLE.record("rollback", "U2 runs (rollback of 2 steps, U3 committed)", lost, tools, afterKill, afterNext,
                    "succeeded: reverted V2 (steps=1)");
        }
    }

    // ------------------------------------------------------------------ seed

    @Order(5)
    @RepeatedTest(RUNS)
    void seedKilledInsideTheSecondGroupLoadsNothingAndTheNextRunLoadsAll() throws Exception {
        try (FaultFixture f = FaultFixture.create(temp)) {
            migrated(f);
            f.file(f.seeds, "01_first/data.sql", "insert into precious select g, md5(g::text) from generate_series(100001, 100100) g;\n");
            f.file(f.seeds, "02_slow/data.sql", "insert into precious select g, md5(g::text) from generate_series(200001, 200100) g;\n"
                    + f.gateInGoalJvm("true"));
            f.closeGate();
            f.start("seed", null);
            f.awaitGate("the second seed group runs its gate");
            List<String> tools = f.kill();
            List<String> afterKill = f.leftovers();

            long lost = f.preciousRowsLost();
            assertThat(lost).isZero();
            // One transaction for all groups: not one seeded row is left.
            assertThat(f.count("select count(*) from precious where id > " + FaultFixture.PRECIOUS_ROWS)).isZero();
            f.assertSchemaMatchesHistory(1, "1");

            assertThat(f.deadStatementStillRuns()).as("the dead run's statement still runs when the next run starts").isTrue();
            SeedResult next;
            try (Lmsdb lmsdb = f.lmsdb("seed")) {
                next = lmsdb.seed(new Options.Seed(false, List.of(), f.database));
            }
            f.awaitDeadRunGone();
            assertThat(next.groups()).hasSize(2);
            assertThat(f.count("select count(*) from precious where id > " + FaultFixture.PRECIOUS_ROWS)).isEqualTo(200);
            List<String> afterNext = f.leftovers();
            assertThat(afterNext).isEmpty();
            TABLE.record("seed", "group 2 of 2 runs (group 1 loaded in the same transaction)", lost, tools, afterKill, afterNext,
                    "succeeded: 2 groups, 200 rows");
        }
    }

    // ------------------------------------------------------------------ backup

    @Order(6)
    @RepeatedTest(RUNS)
    void backupKilledWhilePgDumpWaitsLeavesNoFinishedLookingFileAndTheNextRunWritesOne() throws Exception {
        try (FaultFixture f = FaultFixture.create(temp)) {
            migrated(f);
            // Outside the managed schema: the backup's row counts do not read it, pg_dump does, and waits for the test's lock.
            f.exec("create schema fault_other; create table fault_other.blocker (id int)");
            f.hold(f.database, "lock table fault_other.blocker in access exclusive mode");
            f.start("backup", "PLAIN");
            f.awaitServer("pg_dump waits for the lock", "select 1 from pg_stat_activity where datname = ? and application_name like 'lmsdb:backup:%' "
                    + "and wait_event_type = 'Lock'", f.database);
            assertThat(partials(f)).as("the dump's .partial file exists while pg_dump runs").isNotEmpty();
            List<String> tools = f.kill();
            assertThat(tools).contains("pg_dump");
            List<String> afterKill = f.leftovers();
            f.releaseHeld();
            f.awaitDeadRunGone();

            long lost = f.preciousRowsLost();
            assertThat(lost).isZero();
            BackupService service = new BackupService(f.connection, List.of("public"), f.backups, null, Duration.ofMinutes(5),
                    Environment.DEVELOPMENT, Clock.systemUTC());
            assertThat(service.backupsOf(f.database)).as("no file looks like a finished backup").isEmpty();
            try (Stream<Path> files = Files.list(f.backups)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .as("only hidden .partial files in the backup directory").allMatch(n -> n.startsWith(".") && n.endsWith(".partial"));
            }

            f.ageDeadRunFiles();
            BackupResult next;
            try (Lmsdb lmsdb = f.lmsdb("backup")) {
                next = lmsdb.backup(new BackupService.Options(BackupFormat.PLAIN, null, 1, null));
            }
            assertThat(next.file()).exists();
            assertThat(next.manifest().tableRows()).containsEntry("public.precious", (long) FaultFixture.PRECIOUS_ROWS);
            assertThat(service.backupsOf(f.database)).containsExactly(next.file());
            List<String> afterNext = f.leftovers();
            assertThat(afterNext).as("the next backup removed the dead run's .partial").isEmpty();
            TABLE.record("backup", "pg_dump waits for a table lock; `.partial` exists", lost, tools, afterKill, afterNext,
                    "succeeded: backup with manifest (5000 rows)");
        }
    }

    // ------------------------------------------------------------------ restore

    @Order(7)
    @RepeatedTest(RUNS)
    void restoreKilledWhilePgRestoreLoadsLeavesTheDatabaseUntouchedAndTheNextRunRestores() throws Exception {
        restoreKilledWhileLoading(BackupFormat.CUSTOM, "restore (custom, pg_restore)");
    }

    @Order(8)
    @RepeatedTest(RUNS)
    void restoreKilledWhilePsqlLoadsLeavesTheDatabaseUntouchedAndTheNextRunRestores() throws Exception {
        restoreKilledWhileLoading(BackupFormat.PLAIN, "restore (plain, psql)");
    }

    private void restoreKilledWhileLoading(BackupFormat format, String scenario) throws Exception {
        try (FaultFixture f = FaultFixture.create(temp)) {
            Path file = restoreSource(f, format);
            f.closeGate();
            f.start("restore", file.toString());
            List<String> sleeping = f.awaitGate("the restore loads the gated table into the _restore_ database");
            assertThat(sleeping.get(0)).contains("_restore_");
            List<String> tools = f.kill();
            assertThat(tools).contains(format == BackupFormat.PLAIN ? "psql" : "pg_restore");
            List<String> afterKill = f.leftovers();
            f.openGate();
            f.awaitDeadRunGone();

            long lost = assertUntouched(f);
            f.ageDeadRunFiles();
            RestoreResult next = restoreInProcess(f, file);
            assertRestored(f, next);
            List<String> afterNext = f.leftovers();
            assertThat(afterNext).as("the next restore removed the dead run's restore database and copy").isEmpty();
            TABLE.record(scenario, "the load runs in the `_restore_` database", lost, tools, afterKill, afterNext,
                    "succeeded: restored and verified");
        }
    }

    @Order(9)
    @RepeatedTest(RUNS)
    void restoreKilledWhileTheSwapWaitsToRenameTheCurrentDatabaseLeavesItInPlace() throws Exception {
        try (FaultFixture f = FaultFixture.create(temp)) {
            Path file = restoreSource(f, BackupFormat.CUSTOM);
            // COMMENT ON DATABASE locks the database (share update exclusive), which its rename must wait for.
            f.hold(ServerAdmin.MAINTENANCE_DATABASE, "comment on database " + Identifiers.quote(f.database) + " is 'held by the fault suite'");
            FaultFixture.Child child = f.start("restore", file.toString());
            f.awaitServer("the swap waits to rename " + f.database, "select 1 from pg_stat_activity where application_name = ? "
                    + "and wait_event_type = 'Lock' and query like ?", child.applicationName(),
                    "alter database " + Identifiers.quote(f.database) + " rename to %");
            List<String> tools = f.kill();
            List<String> afterKill = f.leftovers();
            f.releaseHeld();
            f.awaitDeadRunGone();

            long lost = assertUntouched(f);
            f.ageDeadRunFiles();
            RestoreResult next = restoreInProcess(f, file);
            assertRestored(f, next);
            List<String> afterNext = f.leftovers();
            assertThat(afterNext).as("the next restore removed the dead run's restore database").isEmpty();
            TABLE.record("restore swap (1st rename)", "the swap transaction waits to rename the current database aside", lost, tools,
                    afterKill, afterNext, "succeeded: restored and verified");
        }
    }

    @Order(10)
    @RepeatedTest(RUNS)
    void restoreKilledAfterTheSwapRenamedTheCurrentDatabaseAsideStillLeavesItInPlace() throws Exception {
        try (FaultFixture f = FaultFixture.create(temp)) {
            Path file = restoreSource(f, BackupFormat.CUSTOM);
            f.closeGate();
            FaultFixture.Child child = f.start("restore", file.toString());
            String restoring = f.awaitGate("the restore loads the _restore_ database").get(0);
            assertThat(restoring).contains("_restore_");
            // Lock the restored copy's name before the swap reaches it, then let the load finish.
            f.hold(ServerAdmin.MAINTENANCE_DATABASE, "comment on database " + Identifiers.quote(restoring) + " is 'held by the fault suite'");
            f.openGate();
            f.awaitServer("the swap, with the current database renamed aside, waits to rename " + restoring,
                    "select 1 from pg_stat_activity where application_name = ? and wait_event_type = 'Lock' and query like ?",
                    child.applicationName(), "alter database " + Identifiers.quote(restoring) + " rename to %");
            List<String> tools = f.kill();
            List<String> afterKill = f.leftovers();
            f.releaseHeld();
            f.awaitDeadRunGone();

            long lost = assertUntouched(f);
            f.ageDeadRunFiles();
            RestoreResult next = restoreInProcess(f, file);
            assertRestored(f, next);
            List<String> afterNext = f.leftovers();
            assertThat(afterNext).as("the next restore removed the dead run's restore database").isEmpty();
            TABLE.record("restore swap (2nd rename)", "the swap transaction, current database already renamed aside, waits to rename "
                    + "the restored copy in", lost, tools, afterKill, afterNext, "succeeded: restored and verified");
        }
    }

    // ------------------------------------------------------------------ helpers

    private static final String PRECIOUS = "create table precious (id int primary key, note text not null);\n";

    /** V1 applied, with the rows that must survive every kill. */
    private static void migrated(FaultFixture f) throws Exception {
        f.migration("V1__precious.sql", PRECIOUS);
        try (Lmsdb lmsdb = f.lmsdb("migrate")) {
            lmsdb.migrate(new Options.Migrate(false, false, null, false, f.database));
        }
        f.insertPrecious();
    }

    /** V2..V4 pending; V3 creates its table, then waits in the gate. */
    private static void pendingWithGateInV3(FaultFixture f) throws Exception {
        f.migration("V2__m2.sql", "create table m2 (id int);\n");
        f.migration("V3__m3.sql", "create table m3 (id int);\n" + f.gateInGoalJvm("true"));
        f.migration("V4__m4.sql", "create table m4 (id int);\n");
    }

    /**
     * A database at V2 whose table {@code m2} is checked by the gate function (so a restore's load
     * waits while the gate is closed), backed up in {@code format}; then a marker table created
     * after the backup tells whether the database under the name is still the one from before.
     */
    private static Path restoreSource(FaultFixture f, BackupFormat format) throws Exception {
        f.migration("V1__precious.sql", PRECIOUS);
        f.migration("V2__m2.sql", f.gateFunction() + "create table m2 (id int check (fault_gate_ok(id)));\n");
        try (Lmsdb lmsdb = f.lmsdb("migrate")) {
            lmsdb.migrate(new Options.Migrate(false, false, null, false, f.database));
        }
        f.insertPrecious();
        f.exec("insert into m2 select generate_series(1, 20)");
        Path file;
        try (Lmsdb lmsdb = f.lmsdb("backup")) {
            file = lmsdb.backup(new BackupService.Options(format, null, 1, null)).file();
        }
        f.exec("create schema fault_marker; create table fault_marker.after_backup (id int); insert into fault_marker.after_backup values (1)");
        return file;
    }

    /** The database under the name is the one from before the killed restore, whole. */
    private static long assertUntouched(FaultFixture f) throws Exception {
        assertThat(f.databaseExists(f.database)).as("the database is still there under its name").isTrue();
        assertThat(f.count("select count(*) from fault_marker.after_backup")).as("the database was not replaced").isEqualTo(1);
        long lost = f.preciousRowsLost();
        assertThat(lost).isZero();
        assertThat(f.count("select count(*) from m2")).isEqualTo(20);
        f.assertSchemaMatchesHistory(2, "1", "2");
        assertThat(f.serverQuery("select datname from pg_database where datname like ?", f.token + "%\\_before\\_restore\\_%"))
                .as("no database was renamed aside").isEmpty();
        return lost;
    }

    private static RestoreResult restoreInProcess(FaultFixture f, Path file) throws Exception {
        try (Lmsdb lmsdb = f.lmsdb("restore")) {
            return lmsdb.restore(new Options.Restore(file, 1, false, false, false, f.database));
        }
    }

    private static void assertRestored(FaultFixture f, RestoreResult next) throws Exception {
        assertThat(next.warnings()).isEmpty();
        assertThat(f.count("select count(*) from pg_namespace where nspname = 'fault_marker'")).as("the backup's database is in place").isZero();
        assertThat(f.preciousRowsLost()).isZero();
        assertThat(f.count("select count(*) from m2")).isEqualTo(20);
        f.assertSchemaMatchesHistory(2, "1", "2");
    }

    private static List<Path> partials(FaultFixture f) throws Exception {
        try (Stream<Path> files = Files.list(f.backups)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".partial")).toList();
        }
    }
}
