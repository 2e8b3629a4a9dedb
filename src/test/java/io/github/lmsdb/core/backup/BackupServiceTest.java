package io.github.lmsdb.core.backup;

import io.github.lmsdb.maven.MavenWords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.config.Environment;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.db.Identifiers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Backups with pg_dump and verified restores with psql and pg_restore, against the real test server. */
class BackupServiceTest {
    private static final long ROWS = 1000;

    @TempDir
    Path backups;

    @ParameterizedTest
    @EnumSource(BackupFormat.class)
    void backupWritesTheFileAndAManifestWithExactRowCountsChecksumAndSize(BackupFormat format) throws Exception {
        ConnectionSettings db = databaseWithItems("bk_" + format.name().toLowerCase());
        String name = db.url().database();

        BackupResult result = service(db).backup(options(format, null), BackupListener.NONE);

        Path file = result.file();
        assertThat(file.getParent()).isEqualTo(backups);
        assertThat(file.getFileName().toString()).matches(Pattern.quote(name) + "_\\d{8}_\\d{6}" + Pattern.quote(format.extension()));
        if (format == BackupFormat.DIRECTORY) {
            assertThat(file).isDirectory();
            assertThat(file.resolve("toc.dat")).isRegularFile();
        } else {
            assertThat(file).isRegularFile();
        }
        assertThat(result.manifestFile()).isEqualTo(backups.resolve(file.getFileName() + ".manifest.json"));
        assertThat(names(backups)).containsExactlyInAnyOrder(file.getFileName().toString(), file.getFileName() + ".manifest.json");
        assertThat(BackupFormat.detect(file)).isEqualTo(format);
        assertThat(result.pruned()).isEmpty();

        Manifest manifest = Manifest.read(result.manifestFile());
        assertThat(manifest).isEqualTo(result.manifest());
        assertThat(manifest.tableRows()).containsExactly(entry("public.items", ROWS));
        assertThat(manifest.database()).isEqualTo(name);
        assertThat(manifest.format()).isEqualTo(format.name().toLowerCase());
        assertThat(manifest.environment()).isEqualTo("development");
        assertThat(manifest.serverVersion()).startsWith("15.");
        assertThat(manifest.pgDumpVersion()).startsWith("15.");
        assertThat(manifest.lastMigration()).isNull();
        assertThat(manifest.sha256()).isEqualTo(sha256(file)).hasSize(64);
        assertThat(manifest.sizeBytes()).isEqualTo(size(file)).isPositive();
    }

    @ParameterizedTest
    @EnumSource(BackupFormat.class)
    void restoreBringsBackTheBackedUpRowsAndKeepsThePreviousDatabase(BackupFormat format) throws Exception {
        ConnectionSettings db = databaseWithItems("rs_" + format.name().toLowerCase());
        String name = db.url().database();
        BackupService service = service(db);
        BackupResult backup = service.backup(options(format, null), BackupListener.NONE);
        execute(db, "delete from items where id <= 10");

        RestorePlan plan = service.planRestore(backup.file());
        assertThat(plan.format()).isEqualTo(format);
        assertThat(plan.manifest()).isEqualTo(backup.manifest());
        assertThat(plan.targetDatabase()).isEqualTo(name);

        RestoreResult result = service.restore(plan, format == BackupFormat.DIRECTORY ? 2 : 1, true, BackupListener.NONE);

        assertThat(count(db, "select count(*) from items")).isEqualTo(ROWS);
        assertThat(count(db, "select count(*) from items where id <= 10")).isEqualTo(10);
        assertThat(result.previousDatabase()).startsWith(name + "_before_restore_");
        assertThat(result.previousDropped()).isFalse();
        assertThat(result.temporaryDatabase()).startsWith(name + "_restore_");
        assertThat(result.tables()).isEqualTo(1);
        assertThat(result.verifiedAgainstManifest()).isTrue();
        assertThat(count(on(db, result.previousDatabase()), "select count(*) from items")).isEqualTo(ROWS - 10);
        assertThat(databasesStartingWith(db, name + "_")).containsExactly(result.previousDatabase());
        dropDatabase(db, result.previousDatabase());
    }

    @Test
    void restoreWithoutKeepingThePreviousDatabaseDropsIt() throws Exception {
        ConnectionSettings db = databaseWithItems("rs_drop");
        String name = db.url().database();
        BackupService service = service(db);
        BackupResult backup = service.backup(options(BackupFormat.CUSTOM, null), BackupListener.NONE);
        execute(db, "delete from items where id <= 10");

        RestoreResult result = service.restore(service.planRestore(backup.file()), 1, false, BackupListener.NONE);

        assertThat(result.previousDatabase()).isNull();
        assertThat(result.previousDropped()).isTrue();
        assertThat(count(db, "select count(*) from items")).isEqualTo(ROWS);
        assertThat(databasesStartingWith(db, name + "_")).isEmpty();
    }

    @Test
    void restoreIntoADatabaseThatDoesNotExistCreatesIt() throws Exception {
        ConnectionSettings db = databaseWithItems("rs_new");
        String name = db.url().database();
        BackupService service = service(db);
        BackupResult backup = service.backup(options(BackupFormat.CUSTOM, null), BackupListener.NONE);
        dropDatabase(db, name);
        assertThat(databasesStartingWith(db, name)).isEmpty();

        RestoreResult result = service.restore(service.planRestore(backup.file()), 1, true, BackupListener.NONE);

        assertThat(result.previousDatabase()).isNull();
        assertThat(result.previousDropped()).isFalse();
        assertThat(result.verifiedAgainstManifest()).isTrue();
        assertThat(count(db, "select count(*) from items")).isEqualTo(ROWS);
        assertThat(databasesStartingWith(db, name)).containsExactly(name);
    }

    @ParameterizedTest
    @EnumSource(value = BackupFormat.class, names = {"PLAIN", "CUSTOM"})
    void restoreWhoseRowsDoNotMatchTheManifestFailsAndLeavesTheCurrentDatabase(BackupFormat format) throws Exception {
        ConnectionSettings db = databaseWithItems("rs_mismatch_" + format.name().toLowerCase());
        String name = db.url().database();
        BackupService service = service(db);
        BackupResult backup = service.backup(options(format, null), BackupListener.NONE);
        String json = Files.readString(backup.manifestFile(), StandardCharsets.UTF_8);
        assertThat(json).contains("{\"name\":\"public.items\",\"rows\":1000}");
        Files.writeString(backup.manifestFile(), json.replace("\"rows\":1000", "\"rows\":999"), StandardCharsets.UTF_8);
        execute(db, "delete from items where id <= 10");
        RestorePlan plan = service.planRestore(backup.file());

        assertThatThrownBy(() -> service.restore(plan, 1, true, BackupListener.NONE))
                .isInstanceOf(LmsdbException.class)
                .hasMessageContaining("does not match the manifest")
                .hasMessage("The restored data does not match the manifest: public.items has 1000 rows, the manifest says 999. "
                        + "The restored copy was dropped; " + name + " is unchanged.");

        assertThat(count(db, "select count(*) from items")).isEqualTo(ROWS - 10);
        assertThat(databasesStartingWith(db, name)).containsExactly(name);
    }

    @ParameterizedTest
    @EnumSource(value = BackupFormat.class, names = {"PLAIN", "CUSTOM"})
    void partitionsAndInheritingTablesAreCountedAsCountStarCountsThem(BackupFormat format) throws Exception {
        ConnectionSettings db = TestServer.newDatabase("rs_parts_" + format.name().toLowerCase());
        execute(db, "create table events (id int, at date not null) partition by range (at);"
                + "create table events_2025 partition of events for values from ('2025-01-01') to ('2026-01-01');"
                + "create table events_2026 partition of events for values from ('2026-01-01') to ('2027-01-01');"
                + "insert into events select g, date '2025-06-01' + (g % 400) from generate_series(1, 500) g;"
                + "create table animals (id int, name text); create table dogs (bark text) inherits (animals);"
                + "create table puppies () inherits (dogs);"
                + "insert into animals values (1, 'cat'); insert into dogs values (2, 'rex', 'woof'), (3, 'fido', 'wuff');"
                + "insert into puppies values (4, 'bit', 'yip');"
                + "create table empty_one (id int);");
        BackupService service = service(db);
        BackupResult backup = service.backup(options(format, null), BackupListener.NONE);
        assertThat(backup.manifest().tableRows()).containsOnly(entry("public.events", 500L), entry("public.animals", 4L),
                entry("public.dogs", 3L), entry("public.puppies", 1L), entry("public.empty_one", 0L));
        execute(db, "delete from events; delete from animals;");

        RestoreResult result = service.restore(service.planRestore(backup.file()), 1, false, BackupListener.NONE);

        assertThat(result.verifiedAgainstManifest()).isTrue();
        assertThat(result.tables()).isEqualTo(5);
        assertThat(count(db, "select count(*) from events")).isEqualTo(500);
        assertThat(count(db, "select count(*) from animals")).isEqualTo(4);
    }

    @Test
    void aDumpThatFailsStopsTheRowCountsRunningBesideItAndLeavesNoFile() throws Exception {
        ConnectionSettings db = TestServer.newDatabase("bk_count_stop");
        execute(db, "create table big (id int, pad text); insert into big select g, repeat('x', 100) from generate_series(1, 300000) g;"
                + "create table big2 (like big); insert into big2 select * from big;");
        BackupService impatient = new BackupService(db, List.of("public"), backups, null, Duration.ofMillis(1), Environment.DEVELOPMENT,
                Clock.systemUTC());

        assertThatThrownBy(() -> impatient.backup(options(BackupFormat.CUSTOM, null), BackupListener.NONE))
                .isInstanceOf(LmsdbException.class).hasMessageContaining("did not finish within");

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("lmsdb-count-rows") && t.isAlive());
        assertThat(names(backups)).isEmpty();
        assertThat(count(db, "select count(*) from pg_stat_activity where query like 'select count(*) from%' and state = 'active' and pid <> pg_backend_pid()")).isZero();
    }

    @Test
    void psqlCopyTagsAreReadInOrderAndQueryResultsAreNot() {
        String output = "SET\n set_config \n------------\n \n(1 row)\n\nCREATE TABLE\nCOPY 3\n setval \n--------\n   42\n(1 row)\n\nCOPY 0\nALTER TABLE\n";
        assertThat(BackupService.copyTags(output)).containsExactly(3L, 0L);
    }

    @Test
    void twoRestoresInTheSameSecondKeepBothPreviousDatabases() throws Exception {
        ConnectionSettings db = databaseWithItems("rs_same_second");
        String name = db.url().database();
        // A fixed clock makes "the same second" certain; backups already get a _2 suffix in that case.
        BackupService service = new BackupService(db, List.of("public"), backups, null, Duration.ofMinutes(5), Environment.DEVELOPMENT,
                Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC));
        BackupResult backup = service.backup(options(BackupFormat.CUSTOM, null), BackupListener.NONE);
        RestorePlan plan = service.planRestore(backup.file());

        RestoreResult first = service.restore(plan, 1, true, BackupListener.NONE);
        RestoreResult second = service.restore(plan, 1, true, BackupListener.NONE);

        assertThat(second.previousDatabase()).isNotNull().isNotEqualTo(first.previousDatabase());
        assertThat(databasesStartingWith(db, name + "_")).containsExactlyInAnyOrder(first.previousDatabase(), second.previousDatabase());
        assertThat(count(db, "select count(*) from items")).isEqualTo(ROWS);
    }

    @Test
    void keepAsideDropsTheOldestAsideDatabasesButNeverOneInUse() throws Exception {
        ConnectionSettings db = databaseWithItems("rs_keep_aside");
        String name = db.url().database();
        Instant[] now = {Instant.parse("2024-05-01T12:00:00Z")};
        Clock ticking = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                now[0] = now[0].plusSeconds(60);
                return now[0];
            }
        };
        BackupService service = new BackupService(db, List.of("public"), backups, null, Duration.ofMinutes(5), Environment.DEVELOPMENT, ticking);
        RestorePlan plan = service.planRestore(service.backup(options(BackupFormat.CUSTOM, null), BackupListener.NONE).file());
        BackupService.RestoreOptions keepTwo = new BackupService.RestoreOptions(1, true, false, 2);
        String first = service.restore(plan, keepTwo, BackupListener.NONE).previousDatabase();
        String second = service.restore(plan, keepTwo, BackupListener.NONE).previousDatabase();

        RestoreResult third = service.restore(plan, keepTwo, BackupListener.NONE);

        assertThat(third.droppedAside()).containsExactly(first);
        assertThat(databasesStartingWith(db, name + "_")).containsExactlyInAnyOrder(second, third.previousDatabase());
        try (Connection holding = DatabaseGateway.dataSource(on(db, second)).getConnection()) {
            RestoreResult fourth = service.restore(plan, keepTwo, BackupListener.NONE);
            assertThat(fourth.droppedAside()).isEmpty();
            assertThat(fourth.warnings()).singleElement().asString().startsWith("The old aside database " + second + " was kept (");
            assertThat(databasesStartingWith(db, name + "_")).containsExactlyInAnyOrder(second, third.previousDatabase(), fourth.previousDatabase());
        }
        RestoreResult keepAll = service.restore(plan, new BackupService.RestoreOptions(1, true, false, 0), BackupListener.NONE);
        assertThat(keepAll.droppedAside()).isEmpty();
        assertThat(databasesStartingWith(db, name + "_")).hasSize(4);
    }

    @Test
    void restoreOfABackupFileOfAnotherSizeIsRefusedBeforeAnythingChanges() throws Exception {
        ConnectionSettings db = databaseWithItems("rs_checksum");
        BackupService service = service(db);
        BackupResult backup = service.backup(options(BackupFormat.PLAIN, null), BackupListener.NONE);
        long size = Files.size(backup.file());
        Files.writeString(backup.file(), Files.readString(backup.file()) + "\n-- edited\n");

        assertThatThrownBy(() -> service.planRestore(backup.file()))
                .isInstanceOf(LmsdbException.class)
                .hasMessage("Size mismatch: " + backup.file().getFileName() + " is " + (size + 11) + " bytes, its manifest says " + size
                        + ". The file changed or is damaged. Nothing was changed.");
    }

    @Test
    void aPlainFileChangedInOneByteIsFoundWhilePsqlReadsItAndRefusedBeforeTheSwap() throws Exception {
        ConnectionSettings db = databaseWithItems("rs_plain_flip");
        String name = db.url().database();
        BackupService service = service(db);
        BackupResult backup = service.backup(options(BackupFormat.PLAIN, null), BackupListener.NONE);
        // A row's text changed, same size: psql loads it all without complaint, only the checksum can tell.
        String sql = Files.readString(backup.file());
        int row = sql.indexOf("\titem 7\n");
        assertThat(row).isPositive();
        Files.writeString(backup.file(), sql.substring(0, row) + "\titex 7\n" + sql.substring(row + 8));
        execute(db, "delete from items where id <= 10");
        RestorePlan plan = service.planRestore(backup.file());

        assertThatThrownBy(() -> service.restore(plan, 1, true, BackupListener.NONE))
                .isInstanceOf(LmsdbException.class)
                .hasMessageStartingWith("Checksum mismatch: " + backup.file().getFileName() + " does not match its manifest (expected "
                        + backup.manifest().sha256() + ", found ")
                .hasMessageEndingWith("The file changed or is damaged. The restored copy was dropped; " + name + " is unchanged.");

        assertThat(count(db, "select count(*) from items")).isEqualTo(ROWS - 10);
        assertThat(databasesStartingWith(db, name)).containsExactly(name);
    }

    @Test
    void aChangedCustomDumpRestoredInParallelIsRefusedByItsSizeBeforeAnythingChanges() throws Exception {
        ConnectionSettings db = databaseWithItems("rs_custom_par");
        BackupService service = service(db);
        BackupResult backup = service.backup(options(BackupFormat.CUSTOM, null), BackupListener.NONE);
        Files.write(backup.file(), new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> service.planRestore(backup.file(), new BackupService.RestoreOptions(2, true, false)))
                .isInstanceOf(LmsdbException.class)
                .hasMessageStartingWith("Size mismatch: ")
                .hasMessageEndingWith("The file changed or is damaged. Nothing was changed.");
    }

    /**
     * The manifest's checksum no longer matches the (same-size) file: pg_restore loads it all, only the checksum can tell,
     * whether the plugin feeds pg_restore (one job) or hashes beside it (parallel jobs, a directory dump).
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"CUSTOM, 1", "CUSTOM, 2", "DIRECTORY, 2"})
    void aDumpWhoseChecksumDiffersIsFoundWhilePgRestoreLoadsItAndRefusedBeforeTheSwap(BackupFormat format, int jobs) throws Exception {
        ConnectionSettings db = databaseWithItems("rs_sum_" + format.name().toLowerCase() + jobs);
        String name = db.url().database();
        BackupService service = service(db);
        BackupResult backup = service.backup(options(format, null), BackupListener.NONE);
        Path manifestFile = backup.manifestFile();
        String other = backup.manifest().sha256().startsWith("0") ? "1" + backup.manifest().sha256().substring(1)
                : "0" + backup.manifest().sha256().substring(1);
        Files.writeString(manifestFile, Files.readString(manifestFile).replace(backup.manifest().sha256(), other));
        execute(db, "delete from items where id <= 10");
        BackupService.RestoreOptions restoreOptions = new BackupService.RestoreOptions(jobs, true, false);

        assertThatThrownBy(() -> service.restore(service.planRestore(backup.file(), restoreOptions), restoreOptions, BackupListener.NONE))
                .isInstanceOf(LmsdbException.class)
                .hasMessageStartingWith("Checksum mismatch: " + backup.file().getFileName() + " does not match its manifest (expected "
                        + other + ", found " + backup.manifest().sha256() + ")")
                .hasMessageEndingWith("The restored copy was dropped; " + name + " is unchanged.");

        assertThat(count(db, "select count(*) from items")).isEqualTo(ROWS - 10);
        assertThat(databasesStartingWith(db, name)).containsExactly(name);
    }

    @Test
    void sixAutomaticBackupsLeaveTheFiveNewestAndNeverAManualOne() throws Exception {
        ConnectionSettings db = databaseWithItems("bk_auto");
        BackupService service = service(db);
        Path manual = service.backup(options(BackupFormat.PLAIN, null), BackupListener.NONE).file();
        List<Path> automatic = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            automatic.add(service.backup(BackupService.Options.automatic(5), BackupListener.NONE).file());
        }

        assertThat(Manifest.read(Manifest.pathFor(automatic.get(5))).automatic()).isTrue();
        assertThat(Manifest.read(Manifest.pathFor(manual)).automatic()).isFalse();
        assertThat(service.backupsOf(db.url().database())).containsExactlyInAnyOrderElementsOf(
                Stream.concat(Stream.of(manual), automatic.subList(1, 6).stream()).toList());
        assertThat(automatic.get(0)).doesNotExist();
        assertThat(Manifest.pathFor(automatic.get(0))).doesNotExist();
        assertThat(service.stored(db.url().database())).filteredOn(BackupService.Stored::automatic).hasSize(5);
    }

    @Test
    void keepAutomaticZeroKeepsEveryAutomaticBackup() throws Exception {
        ConnectionSettings db = databaseWithItems("bk_auto_all");
        BackupService service = service(db);
        for (int i = 0; i < 3; i++) {
            service.backup(BackupService.Options.automatic(0), BackupListener.NONE);
        }
        assertThat(service.backupsOf(db.url().database())).hasSize(3);
    }

    @Test
    void aManifestWithoutTheAutomaticFieldCountsAsManualAndIsNeverRemovedByRetention() throws Exception {
        ConnectionSettings db = databaseWithItems("bk_auto_old");
        BackupService service = service(db);
        BackupResult old = service.backup(options(BackupFormat.PLAIN, null), BackupListener.NONE);
        String json = Files.readString(old.manifestFile(), StandardCharsets.UTF_8);
        String withoutField = json.replace(",\"automatic\":false", "");
        assertThat(withoutField).doesNotContain("automatic");
        Files.writeString(old.manifestFile(), withoutField, StandardCharsets.UTF_8);

        assertThat(Manifest.read(old.manifestFile()).automatic()).isFalse();
        for (int i = 0; i < 2; i++) {
            service.backup(BackupService.Options.automatic(1), BackupListener.NONE);
        }
        assertThat(old.file()).exists();
        assertThat(service.stored(db.url().database())).extracting(BackupService.Stored::automatic).containsExactlyInAnyOrder(true, false);
        // an old manifest still restores
        service.restore(service.planRestore(old.file()), 1, false, BackupListener.NONE);
    }

    @Test
    void restoreOfAMissingFileIsRefusedListingTheNewestBackups() throws Exception {
        ConnectionSettings db = databaseWithItems("rs_missing");
        BackupService service = service(db);
        BackupResult backup = service.backup(options(BackupFormat.CUSTOM, null), BackupListener.NONE);
        Path missing = backups.resolve("nope.dump");

        assertThatThrownBy(() -> service.planRestore(missing))
                .isInstanceOf(LmsdbException.class)
                .hasMessage("Backup file not found: " + missing + ". Nothing was changed.")
                .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint()))
                        .isEqualTo("  Newest backups of " + db.url().database() + " in " + backups + ":\n    -Dlmsdb.file=" + backup.file()));
    }

    @Test
    void keepTwoAfterThreeBackupsLeavesTheTwoNewest() throws Exception {
        ConnectionSettings db = databaseWithItems("bk_keep");
        BackupService service = service(db);

        BackupResult first = service.backup(options(BackupFormat.CUSTOM, 2), BackupListener.NONE);
        BackupResult second = service.backup(options(BackupFormat.CUSTOM, 2), BackupListener.NONE);
        BackupResult third = service.backup(options(BackupFormat.CUSTOM, 2), BackupListener.NONE);

        assertThat(second.pruned()).isEmpty();
        assertThat(third.pruned()).containsExactly(first.file());
        assertThat(service.backupsOf(db.url().database())).containsExactly(third.file(), second.file());
        assertThat(names(backups)).containsExactlyInAnyOrder(
                second.file().getFileName().toString(), second.manifestFile().getFileName().toString(),
                third.file().getFileName().toString(), third.manifestFile().getFileName().toString());
    }

    @Test
    void restoreOfAPlainFileWithAShellCommandIsRefusedNamingFileLineAndCommand() throws Exception {
        ConnectionSettings db = databaseWithItems("rs_shell");
        BackupService service = service(db);
        Path marker = backups.resolve("shell-ran");
        Path crafted = backups.resolve("crafted.sql");
        Files.writeString(crafted, "--\n-- PostgreSQL database dump\n--\n\nSELECT 1;\n\\! touch " + marker + "\n");

        assertThatThrownBy(() -> service.restore(service.planRestore(crafted, unverified()), unverified(), BackupListener.NONE))
                .isInstanceOf(LmsdbException.class)
                .hasMessageStartingWith("crafted.sql line 6: a psql meta-command (\\! touch " + marker + "), which psql would run.");

        assertThat(marker).doesNotExist();
        assertThat(count(db, "select count(*) from items")).isEqualTo(ROWS);
        assertThat(databasesStartingWith(db, db.url().database() + "_")).isEmpty();
    }

    @Test
    void aShellCommandAfterMegabytesOfDataIsStoppedWhilePsqlIsLoadingAndNeverReachesIt() throws Exception {
        ConnectionSettings db = databaseWithItems("rs_shell_late");
        String name = db.url().database();
        BackupService service = service(db);
        Path marker = backups.resolve("shell-ran-late");
        Path crafted = backups.resolve("crafted-late.sql");
        // psql is busy with the first 8 MB (many pipe buffers) when the plugin reaches the command.
        StringBuilder sql = new StringBuilder("--\n-- PostgreSQL database dump\n--\n\nCREATE TABLE public.big (id int, note text);\n"
                + "COPY public.big (id, note) FROM stdin;\n");
        for (int i = 0; i < 200_000; i++) {
            sql.append(i).append("\tsome text to fill the pipe\n");
        }
        sql.append("\\.\n\n\\! touch ").append(marker).append("\n-- PostgreSQL database dump complete\n");
        Files.writeString(crafted, sql);

        assertThatThrownBy(() -> service.restore(service.planRestore(crafted, unverified()), unverified(), BackupListener.NONE))
                .isInstanceOf(LmsdbException.class)
                .hasMessageStartingWith("crafted-late.sql line 200009: a psql meta-command (\\! touch " + marker + "), which psql would run.")
                .hasMessageEndingWith("The restored copy was dropped; " + name + " is unchanged.");

        assertThat(marker).doesNotExist();
        assertThat(count(db, "select count(*) from items")).isEqualTo(ROWS);
        assertThat(databasesStartingWith(db, name + "_")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = BackupFormat.class, names = {"PLAIN", "CUSTOM"})
    void restoreOfAFileWithoutManifestIsRefusedNamingTheSettingThatAcceptsIt(BackupFormat format) throws Exception {
        ConnectionSettings db = databaseWithItems("rs_nomanifest_" + format.name().toLowerCase());
        BackupService service = service(db);
        BackupResult backup = service.backup(options(format, null), BackupListener.NONE);
        Files.delete(backup.manifestFile());

        assertThatThrownBy(() -> service.planRestore(backup.file()))
                .isInstanceOf(LmsdbException.class)
                .hasMessage(backup.file().getFileName() + " has no manifest (" + backup.manifestFile().getFileName()
                        + "), so its checksum, tables and row counts cannot be verified. Nothing was changed.")
                .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint())).contains("-Dlmsdb.unverified=true"));
    }

    @ParameterizedTest
    @EnumSource(value = BackupFormat.class, names = {"PLAIN", "CUSTOM"})
    void unverifiedRestoreWithoutManifestChecksWhatTheFileNamesAndSwaps(BackupFormat format) throws Exception {
        ConnectionSettings db = databaseWithItems("rs_unverified_" + format.name().toLowerCase());
        execute(db, "create table empty_one (id int primary key)");
        BackupService service = service(db);
        BackupResult backup = service.backup(options(format, null), BackupListener.NONE);
        Files.delete(backup.manifestFile());
        execute(db, "delete from items where id <= 10");

        RestoreResult result = service.restore(service.planRestore(backup.file(), unverified()), unverified(), BackupListener.NONE);

        assertThat(result.verifiedAgainstManifest()).isFalse();
        assertThat(result.tables()).isEqualTo(2);
        assertThat(count(db, "select count(*) from items")).isEqualTo(ROWS);
    }

    @Test
    void unverifiedRestoreOfAPlainFileCutShortIsRefusedBeforeTheSwap() throws Exception {
        ConnectionSettings db = databaseWithItems("rs_unverified_cut");
        String name = db.url().database();
        BackupService service = service(db);
        BackupResult backup = service.backup(options(BackupFormat.PLAIN, null), BackupListener.NONE);
        Files.delete(backup.manifestFile());
        String sql = Files.readString(backup.file());
        Files.writeString(backup.file(), sql.substring(0, sql.indexOf("COPY public.items")));
        execute(db, "delete from items where id <= 10");

        assertThatThrownBy(() -> service.restore(service.planRestore(backup.file(), unverified()), unverified(), BackupListener.NONE))
                .isInstanceOf(LmsdbException.class)
                .hasMessageContaining("the file ends before pg_dump's closing line")
                .hasMessageEndingWith("The restored copy was dropped; " + name + " is unchanged.");
        assertThat(count(db, "select count(*) from items")).isEqualTo(ROWS - 10);
        assertThat(databasesStartingWith(db, name + "_")).isEmpty();
    }

    @Test
    void bothRenamesOfTheSwapRunInOneTransactionOnTheServer() throws Exception {
        ConnectionSettings a = TestServer.newDatabase("swap_a");
        ConnectionSettings b = TestServer.newDatabase("swap_b");
        String aName = a.url().database();
        String bName = b.url().database();
        try (Connection m = DatabaseGateway.dataSource(on(a, "postgres")).getConnection(); Statement st = m.createStatement()) {
            m.setAutoCommit(false);
            st.execute("alter database " + Identifiers.quote(aName) + " rename to " + Identifiers.quote(aName + "_aside"));
            st.execute("alter database " + Identifiers.quote(bName) + " rename to " + Identifiers.quote(aName));
            m.rollback();
        }
        assertThat(databasesStartingWith(a, aName)).containsExactly(aName);
        assertThat(databasesStartingWith(b, bName)).containsExactly(bName);
    }

    @ParameterizedTest
    @EnumSource(BackupFormat.class)
    void backupFilesAndManifestsAreReadableByTheirOwnerOnly(BackupFormat format) throws Exception {
        ConnectionSettings db = databaseWithItems("bk_modes_" + format.name().toLowerCase());
        Path dir = backups.resolve("new/backups");
        BackupService service = new BackupService(db, List.of("public"), dir, null, Duration.ofMinutes(5), Environment.DEVELOPMENT, Clock.systemUTC());

        BackupResult result = service.backup(options(format, null), BackupListener.NONE);

        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(dir.getParent())).isEqualTo("rwx------");
        assertThat(mode(result.manifestFile())).isEqualTo("rw-------");
        if (format == BackupFormat.DIRECTORY) {
            assertThat(mode(result.file())).isEqualTo("rwx------");
            try (Stream<Path> files = Files.list(result.file())) {
                assertThat(files.toList()).isNotEmpty().allSatisfy(f -> assertThat(mode(f)).isEqualTo("rw-------"));
            }
        } else {
            assertThat(mode(result.file())).isEqualTo("rw-------");
        }
    }

    @Test
    void aDatabaseNamedLikeAConnectionStringIsBackedUpFromItself() throws Exception {
        ConnectionSettings km1 = named("km1");
        ConnectionSettings tricky = named("dbname=km1");
        execute(km1, "create table whose (name text); insert into whose values ('km1')");
        execute(tricky, "create table whose (name text); insert into whose values ('dbname=km1')");

        BackupResult backup = service(tricky).backup(options(BackupFormat.PLAIN, null), BackupListener.NONE);

        assertThat(backup.manifest().database()).isEqualTo("dbname=km1");
        assertThat(Files.readString(backup.file())).contains("dbname=km1\n").doesNotContain("\nkm1\n");
    }

    @ParameterizedTest
    @EnumSource(value = BackupFormat.class, names = {"PLAIN", "CUSTOM"})
    void oddAndLongDatabaseNamesRoundTrip(BackupFormat format) throws Exception {
        for (String name : List.of("eq=name it's \\ " + format.name().toLowerCase(), ("x".repeat(63 - 5) + "_" + format.name().toLowerCase()).substring(0, 63))) {
            ConnectionSettings db = named(name);
            execute(db, "create table items (id int primary key); insert into items select generate_series(1, 5)");
            BackupService service = service(db);
            BackupResult backup = service.backup(options(format, null), BackupListener.NONE);
            execute(db, "delete from items");

            RestoreResult result = service.restore(service.planRestore(backup.file()), 1, true, BackupListener.NONE);

            assertThat(count(db, "select count(*) from items")).as(name).isEqualTo(5);
            assertThat(result.previousDatabase().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
            assertThat(result.temporaryDatabase().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
            assertThat(count(on(db, result.previousDatabase()), "select count(*) from items")).isZero();
        }
    }

    @Test
    void longNamesThatShareTheirStartGetDifferentTemporaryNames() {
        String a = "a".repeat(60) + "_one";
        String b = "a".repeat(60) + "_two";

        assertThat(BackupService.derivedName(a, "_restore_20240501_120000"))
                .isNotEqualTo(BackupService.derivedName(b, "_restore_20240501_120000"))
                .endsWith("_restore_20240501_120000");
        assertThat(BackupService.derivedName(a, "_before_restore_20240501_120000").getBytes(StandardCharsets.UTF_8)).hasSize(63);
        assertThat(BackupService.derivedName("é".repeat(40), "_before_restore_20240501_120000").getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(63);
    }

    @Test
    void keepOneLeavesTheBackupsOfADatabaseWhoseFileNamesLookTheSame() throws Exception {
        ConnectionSettings spaced = named("sp ace name");
        ConnectionSettings underscored = named("sp_ace_name");
        execute(spaced, "create table t (id int)");
        execute(underscored, "create table t (id int)");
        BackupResult other = service(underscored).backup(options(BackupFormat.CUSTOM, null), BackupListener.NONE);
        BackupResult first = service(spaced).backup(options(BackupFormat.CUSTOM, null), BackupListener.NONE);

        BackupResult second = service(spaced).backup(options(BackupFormat.CUSTOM, 1), BackupListener.NONE);

        assertThat(second.pruned()).containsExactly(first.file());
        assertThat(other.file()).exists();
        assertThat(other.manifestFile()).exists();
        assertThat(service(underscored).backupsOf("sp_ace_name")).containsExactly(other.file());
    }

    @Test
    void aDumpWithoutItsManifestIsNeitherCountedByKeepNorOfferedForARestore() throws Exception {
        ConnectionSettings db = databaseWithItems("bk_orphan");
        BackupService service = service(db);
        BackupResult orphan = service.backup(options(BackupFormat.CUSTOM, null), BackupListener.NONE);
        Files.delete(orphan.manifestFile());
        BackupResult kept = service.backup(options(BackupFormat.CUSTOM, null), BackupListener.NONE);

        BackupResult newest = service.backup(options(BackupFormat.CUSTOM, 1), BackupListener.NONE);

        assertThat(newest.pruned()).containsExactly(kept.file());
        assertThat(orphan.file()).exists();
        assertThat(service.backupsOf(db.url().database())).containsExactly(newest.file());
        assertThat(names(backups)).noneMatch(n -> n.endsWith(".partial"));
    }

    @Test
    void noHintTellsTheUserToMoveOrRemoveAManifest() throws Exception {
        Path broken = backups.resolve("x.sql.manifest.json");
        Files.writeString(broken, "{ not json");

        assertThatThrownBy(() -> Manifest.read(broken))
                .isInstanceOf(LmsdbException.class)
                .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint()))
                        .doesNotContainIgnoringCase("move").doesNotContainIgnoringCase("remove").contains("-Dlmsdb.unverified=true"));
    }

    @Test
    void restoreKeepsTheAuditRecordsOfTheReplacedDatabase() throws Exception {
        ConnectionSettings db = databaseWithItems("rs_audit");
        audit(db, "migrate");
        BackupService service = service(db);
        BackupResult backup = service.backup(options(BackupFormat.CUSTOM, null), BackupListener.NONE);
        audit(db, "seed");
        audit(db, "rollback");

        service.restore(service.planRestore(backup.file()), 1, true, BackupListener.NONE);

        List<String> goals = new ArrayList<>();
        try (Connection c = DatabaseGateway.dataSource(db).getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select goal from lmsdb.lmsdb_audit order by at")) {
            while (rs.next()) {
                goals.add(rs.getString(1));
            }
        }
        assertThat(goals).containsExactly("migrate", "seed", "rollback");
    }

    // ---------------------------------------------------------------- helpers

    private static BackupService.RestoreOptions unverified() {
        return new BackupService.RestoreOptions(1, true, true);
    }

    /** A database of exactly that name on the test server. */
    private static ConnectionSettings named(String name) throws Exception {
        ConnectionSettings any = TestServer.newDatabase("named");
        execute(on(any, "postgres"), "create database " + Identifiers.quote(name));
        return on(any, name);
    }

    private static void audit(ConnectionSettings db, String goal) throws Exception {
        try (Connection c = DatabaseGateway.dataSource(db).getConnection()) {
            io.github.lmsdb.core.safety.AuditLog.append(c, new io.github.lmsdb.core.safety.AuditRecord(Instant.now(), goal, "development",
                    "postgres", "me", "host", "1", java.util.Map.of(), "success", Duration.ofMillis(5), null, null, null), null);
        }
        Thread.sleep(5);
    }

    private static String mode(Path path) {
        try {
            return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private BackupService service(ConnectionSettings db) {
        return new BackupService(db, List.of("public"), backups, null, Duration.ofMinutes(5), Environment.DEVELOPMENT, Clock.systemUTC());
    }

    private static BackupService.Options options(BackupFormat format, Integer keep) {
        return new BackupService.Options(format, null, format == BackupFormat.DIRECTORY ? 2 : 1, keep);
    }

    /** A fresh database with one table of {@link #ROWS} rows. */
    private static ConnectionSettings databaseWithItems(String prefix) throws Exception {
        ConnectionSettings db = TestServer.newDatabase(prefix);
        execute(db, "create table items (id int primary key, name text not null);"
                + "insert into items select g, 'item ' || g from generate_series(1, " + ROWS + ") g;");
        return db;
    }

    private static ConnectionSettings on(ConnectionSettings db, String database) {
        return db.withUrl(db.url().withDatabase(database));
    }

    private static void execute(ConnectionSettings db, String sql) throws SQLException {
        try (Connection c = DatabaseGateway.dataSource(db).getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static long count(ConnectionSettings db, String sql) throws SQLException {
        try (Connection c = DatabaseGateway.dataSource(db).getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> databasesStartingWith(ConnectionSettings db, String prefix) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = DatabaseGateway.dataSource(on(db, "postgres")).getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select datname from pg_database order by datname")) {
            while (rs.next()) {
                if (rs.getString(1).startsWith(prefix)) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    private static void dropDatabase(ConnectionSettings db, String name) throws SQLException {
        execute(on(db, "postgres"), "drop database " + Identifiers.quote(name) + " with (force)");
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    /** SHA-256 of a file; of a directory dump, of each file's name and hash in name order (as documented by the manifest). */
    private static String sha256(Path backup) throws Exception {
        if (!Files.isDirectory(backup)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(backup)));
        }
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (Path f : regularFiles(backup)) {
            digest.update((f.getFileName() + "\0" + sha256(f) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static long size(Path backup) throws IOException {
        if (!Files.isDirectory(backup)) {
            return Files.size(backup);
        }
        long total = 0;
        for (Path f : regularFiles(backup)) {
            total += Files.size(f);
        }
        return total;
    }

    private static List<Path> regularFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
