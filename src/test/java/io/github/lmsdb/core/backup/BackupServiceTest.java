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

    @Test
    void restoreWhoseRowsDoNotMatchTheManifestFailsAndLeavesTheCurrentDatabase() throws Exception {
        ConnectionSettings db = databaseWithItems("rs_mismatch");
        String name = db.url().database();
        BackupService service = service(db);
        BackupResult backup = service.backup(options(BackupFormat.CUSTOM, null), BackupListener.NONE);
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
    void restoreOfAChangedBackupFileIsRefusedBeforeAnythingChanges() throws Exception {
        ConnectionSettings db = databaseWithItems("rs_checksum");
        BackupService service = service(db);
        BackupResult backup = service.backup(options(BackupFormat.PLAIN, null), BackupListener.NONE);
        Files.writeString(backup.file(), Files.readString(backup.file()) + "\n-- edited\n");

        assertThatThrownBy(() -> service.planRestore(backup.file()))
                .isInstanceOf(LmsdbException.class)
                .hasMessageStartingWith("Checksum mismatch: " + backup.file().getFileName() + " does not match its manifest (expected "
                        + backup.manifest().sha256() + ", found ")
                .hasMessageEndingWith("). The file changed or is damaged. Nothing was changed.");
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

    // ---------------------------------------------------------------- helpers

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
