package io.github.lmsdb.core.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.app.Console;
import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.app.Options;
import io.github.lmsdb.core.app.RunContext;
import io.github.lmsdb.core.app.StatusReport;
import io.github.lmsdb.core.backup.Leftovers.Kind;
import io.github.lmsdb.core.backup.Leftovers.Leftover;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.db.ApplicationName;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.db.RunOwner;
import io.github.lmsdb.core.db.ServerAdmin;
import io.github.lmsdb.core.db.ShadowDatabase;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.json.Json;
import io.github.lmsdb.core.migrate.MigrationListener;
import io.github.lmsdb.core.report.StatusRenderer;
import io.github.lmsdb.core.report.Style;
import io.github.lmsdb.core.seed.SeedListener;
import io.github.lmsdb.maven.MavenWords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What killed runs leave behind, found with whether their run is dead, listed by status, and removed
 * by the next backup or restore only when their run is certainly dead.
 */
class LeftoversTest {
    @TempDir
    Path temp;

    /** A pid that certainly existed on this host and is certainly gone: a child that has exited. */
    private static RunOwner deadOwner() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        RunOwner owner = new RunOwner(p.pid(), RunOwner.current().host());
        assertThat(owner.liveness()).isEqualTo(RunOwner.Liveness.DEAD);
        return owner;
    }

    private static String marker(RunOwner owner, String goal) {
        return "lmsdb:" + goal + ":0badc0de-" + owner.token() + " made by a test";
    }

    private static Path partial(Path dir, String name, RunOwner owner, boolean old) throws Exception {
        Files.createDirectories(dir);
        Path f = dir.resolve("." + name + "." + owner.token() + ".partial");
        Files.writeString(f, "-- half a dump\n");
        if (old) {
            Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(120)));
        }
        return f;
    }

    private static final class Recording implements Console {
        final List<String> info = new ArrayList<>();

        @Override
        public Optional<String> ask(String question) {
            return Optional.empty();
        }

        @Override
        public void info(Hint line) {
            info.add(line.render(MavenWords.INSTANCE));
        }

        @Override
        public void warn(Hint line) {}

        @Override
        public MigrationListener migrations(boolean reverting) {
            return MigrationListener.NONE;
        }

        @Override
        public BackupListener backups() {
            return BackupListener.NONE;
        }

        @Override
        public SeedListener seeds() {
            return SeedListener.NONE;
        }
    }

    private Lmsdb lmsdb(ConnectionSettings db, String goal, Console console) throws Exception {
        Path migrations = Files.createDirectories(temp.resolve("migrations"));
        return new Lmsdb(TestServer.settings(db, migrations), RunContext.of(goal), console);
    }

    private Path backups() {
        return temp.resolve("backups");
    }

    @Test
    void leftoversAreFoundWithTheirRunsStateAndListedByStatus() throws Exception {
        ConnectionSettings db = TestServer.newDatabase("left_find");
        String name = db.url().database();
        RunOwner dead = deadOwner();
        Path deadFile = partial(backups(), name + "_20240101_000000.sql", dead, true);
        Path liveFile = partial(backups(), name + "_20240101_000001.sql", RunOwner.current(), true);
        Path otherHost = partial(backups(), name + "_20240101_000002.sql", new RunOwner(4711, "elsewhere"), true);
        Path growing = partial(backups(), name + "_20240101_000003.sql", dead, false);
        String deadTemp = BackupService.derivedName(name, "_restore_20240101_000000");
        String liveTemp = BackupService.derivedName(name, "_restore_20240101_000001");
        String aside = BackupService.derivedName(name, "_before_restore_20240101_000000");
        String shadow = ShadowDatabase.PREFIX + "test_" + name;
        try (ServerAdmin admin = ServerAdmin.connect(db)) {
            admin.create(deadTemp, ServerAdmin.Creation.DEFAULT.comment(marker(dead, "restore")));
            admin.create(liveTemp, ServerAdmin.Creation.DEFAULT.comment(ApplicationName.newRun("restore").value() + " temporary"));
            admin.create(aside);
            admin.create(shadow, ServerAdmin.Creation.DEFAULT.comment(marker(dead, "generate")));
        }
        try {
            List<Leftover> found = new Leftovers(db, backups(), temp.resolve("tmp")).find().stream()
                    .filter(l -> !l.kind().database() || l.name().contains(name)).toList();
            Map<String, Leftover> byName = found.stream().collect(Collectors.toMap(Leftover::name, l -> l));
            assertThat(byName).containsOnlyKeys(deadFile.getFileName().toString(), liveFile.getFileName().toString(),
                    otherHost.getFileName().toString(), growing.getFileName().toString(), deadTemp, liveTemp, aside, shadow);

            Leftover f = byName.get(deadFile.getFileName().toString());
            assertThat(f.kind()).isEqualTo(Kind.UNFINISHED_BACKUP);
            assertThat(f.runDead()).isTrue();
            assertThat(f.owner()).isEqualTo(dead);
            assertThat(f.sizeBytes()).isEqualTo(Files.size(deadFile));
            assertThat(f.removeCommand()).isEqualTo("rm -r " + deadFile.toAbsolutePath());
            assertThat(byName.get(liveFile.getFileName().toString()).runDead()).isFalse();
            assertThat(byName.get(otherHost.getFileName().toString()).runDead()).isFalse();
            assertThat(byName.get(otherHost.getFileName().toString()).state()).contains("another host");
            assertThat(byName.get(growing.getFileName().toString()).runDead()).isFalse();
            assertThat(byName.get(growing.getFileName().toString()).state()).contains("still growing");

            Leftover t = byName.get(deadTemp);
            assertThat(t.kind()).isEqualTo(Kind.RESTORE_DATABASE);
            assertThat(t.runDead()).isTrue();
            assertThat(t.sizeBytes()).isPositive();
            assertThat(t.removeCommand()).isEqualTo("dropdb -h localhost -p " + db.url().port() + " -U postgres " + deadTemp);
            assertThat(byName.get(liveTemp).runDead()).isFalse();
            assertThat(byName.get(aside).kind()).isEqualTo(Kind.ASIDE_DATABASE);
            assertThat(byName.get(aside).runDead()).isFalse();
            assertThat(byName.get(shadow).kind()).isEqualTo(Kind.SHADOW_DATABASE);
            assertThat(byName.get(shadow).runDead()).isTrue();

            StatusReport report;
            try (Lmsdb lmsdb = lmsdb(db, "status", Console.SILENT)) {
                report = lmsdb.status();
            }
            assertThat(report.leftovers()).extracting(Leftover::name).contains(deadFile.getFileName().toString(), deadTemp, aside, shadow);
            String text = String.join("\n", StatusRenderer.text(report, Style.PLAIN, MavenWords.INSTANCE));
            assertThat(text).contains("Leftovers of interrupted runs:")
                    .contains("unfinished backup file " + deadFile + " (15 bytes): its run (" + dead.describe()
                            + ") is gone; the next mvn lmsdb:backup removes it")
                    .contains("remove with: rm -r " + deadFile.toAbsolutePath())
                    .contains("temporary restore database " + deadTemp)
                    .contains("remove with: dropdb -h localhost -p " + db.url().port() + " -U postgres " + aside);
            @SuppressWarnings("unchecked")
            Map<String, Object> doc = (Map<String, Object>) Json.parse(StatusRenderer.json(report));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> listed = (List<Map<String, Object>>) doc.get("leftovers");
            Map<String, Object> json = listed.stream().filter(m -> deadTemp.equals(m.get("name"))).findFirst().orElseThrow();
            assertThat(json).containsEntry("kind", "restore_database").containsEntry("runDead", true).containsEntry("removedBy", "restore")
                    .containsEntry("removeCommand", t.removeCommand());
            assertThat(((Number) json.get("sizeBytes")).longValue()).isPositive();
            assertThat(doc.get("migrationLock")).isEqualTo(Map.of("held", false));
        } finally {
            try (ServerAdmin admin = ServerAdmin.connect(db)) {
                for (String d : List.of(deadTemp, liveTemp, aside, shadow)) {
                    admin.terminateAndDrop(d);
                }
            }
        }
    }

    @Test
    void theNextBackupRemovesDeadRunsUnfinishedFilesOnlyAndSaysSo() throws Exception {
        ConnectionSettings db = TestServer.newDatabase("left_backup");
        String name = db.url().database();
        RunOwner dead = deadOwner();
        Path deadFile = partial(backups(), name + "_20240101_000000.sql", dead, true);
        Path deadDir = backups().resolve("." + name + "_20240101_000004.dir." + dead.token() + ".partial");
        Files.createDirectories(deadDir);
        Files.writeString(deadDir.resolve("toc.dat"), "x");
        Files.setLastModifiedTime(deadDir.resolve("toc.dat"), FileTime.from(Instant.now().minusSeconds(120)));
        Files.setLastModifiedTime(deadDir, FileTime.from(Instant.now().minusSeconds(120)));
        Path liveFile = partial(backups(), name + "_20240101_000001.sql", RunOwner.current(), true);
        Path otherHost = partial(backups(), name + "_20240101_000002.sql", new RunOwner(4711, "elsewhere"), true);
        Path growing = partial(backups(), name + "_20240101_000003.sql", dead, false);

        Recording console = new Recording();
        BackupResult result;
        try (Lmsdb lmsdb = lmsdb(db, "backup", console)) {
            result = lmsdb.backup(new BackupService.Options(BackupFormat.PLAIN, null, 1, null));
        }

        assertThat(result.file()).exists();
        assertThat(deadFile).doesNotExist();
        assertThat(deadDir).doesNotExist();
        assertThat(liveFile).exists();
        assertThat(otherHost).exists();
        assertThat(growing).exists();
        assertThat(console.info).contains("Removed unfinished backup file " + deadFile + " (15 bytes) left by a dead lmsdb run ("
                + dead.describe() + ").");
        assertThat(console.info.stream().filter(l -> l.startsWith("Removed "))).hasSize(2);
    }

    @Test
    void theNextRestoreDropsDeadRunsTemporaryDatabasesButNotLiveOnesOrTheAsideCopy() throws Exception {
        ConnectionSettings db = TestServer.newDatabase("left_restore");
        String name = db.url().database();
        try (Connection c = DatabaseGateway.dataSource(db).getConnection(); Statement st = c.createStatement()) {
            st.execute("create table items (id int primary key)");
            st.execute("insert into items select generate_series(1, 10)");
        }
        Path file;
        try (Lmsdb lmsdb = lmsdb(db, "backup", Console.SILENT)) {
            file = lmsdb.backup(new BackupService.Options(BackupFormat.PLAIN, null, 1, null)).file();
        }
        RunOwner dead = deadOwner();
        String deadTemp = BackupService.derivedName(name, "_restore_20240101_000000");
        String liveTemp = BackupService.derivedName(name, "_restore_20240101_000001");
        String unmarked = BackupService.derivedName(name, "_restore_20240101_000002");
        String aside = BackupService.derivedName(name, "_before_restore_20240101_000000");
        Path tmp = Leftovers.systemTempDirectory();
        Path deadCopy = tmp.resolve(Leftovers.RESTORE_COPY_PREFIX + dead.token() + "-123456789.sql");
        Files.writeString(deadCopy, "copy;\n");
        Files.setLastModifiedTime(deadCopy, FileTime.from(Instant.now().minusSeconds(120)));
        try (ServerAdmin admin = ServerAdmin.connect(db)) {
            admin.create(deadTemp, ServerAdmin.Creation.DEFAULT.comment(marker(dead, "restore")));
            admin.create(liveTemp, ServerAdmin.Creation.DEFAULT.comment(ApplicationName.newRun("restore").value() + " temporary"));
            admin.create(unmarked);
            admin.create(aside);
        }
        try {
            Recording console = new Recording();
            try (Lmsdb lmsdb = lmsdb(db, "restore", console)) {
                lmsdb.restore(new Options.Restore(file, 1, false, false, false, null));
            }
            try (ServerAdmin admin = ServerAdmin.connect(db)) {
                assertThat(admin.exists(deadTemp)).isFalse();
                assertThat(admin.exists(liveTemp)).isTrue();
                assertThat(admin.exists(unmarked)).as("no marker: cannot tell, never removed").isTrue();
                assertThat(admin.exists(aside)).as("the aside copy is the user's").isTrue();
                assertThat(admin.comment(name)).as("the restored database carries no temporary marker").isNull();
            }
            assertThat(deadCopy).doesNotExist();
            assertThat(console.info).contains("Removed temporary restore database " + deadTemp + " (" + console.info.stream()
                    .filter(l -> l.contains(deadTemp)).findFirst().orElseThrow().replaceAll(".*\\((\\d+ bytes)\\).*", "$1")
                    + ") left by a dead lmsdb run (" + dead.describe() + ").");
            assertThat(console.info).anyMatch(l -> l.startsWith("Removed copy of a plain backup made for psql " + deadCopy));
        } finally {
            Files.deleteIfExists(deadCopy);
            try (ServerAdmin admin = ServerAdmin.connect(db)) {
                for (String d : List.of(deadTemp, liveTemp, unmarked, aside)) {
                    admin.terminateAndDrop(d);
                }
            }
        }
    }

    @Test
    void aPreviewFirstDropsDeadRunsShadowDatabasesEndingTheirOrphanedSessionsButKeepsOthersInUse() throws Exception {
        ConnectionSettings db = TestServer.newDatabase("left_shadow");
        RunOwner dead = deadOwner();
        String suffix = db.url().database();
        String deadIdle = ShadowDatabase.PREFIX + "preview_idle_" + suffix;
        String deadBusy = ShadowDatabase.PREFIX + "preview_busy_" + suffix;
        String deadShared = ShadowDatabase.PREFIX + "preview_shared_" + suffix;
        String live = ShadowDatabase.PREFIX + "preview_live_" + suffix;
        try (ServerAdmin admin = ServerAdmin.connect(db)) {
            for (String d : List.of(deadIdle, deadBusy, deadShared)) {
                admin.create(d, ServerAdmin.Creation.DEFAULT.comment(marker(dead, "rollback")));
            }
            admin.create(live, ServerAdmin.Creation.DEFAULT.comment(ApplicationName.newRun("rollback").value() + " shadow database"));
        }
        // The session a killed preview left (named as its dead run), and a stranger's session on another dead run's shadow.
        String deadRun = "lmsdb:rollback:0badc0de-" + dead.token();
        try (Connection orphan = DatabaseGateway.dataSource(db.withUrl(db.url().withDatabase(deadBusy)).withApplicationName(deadRun))
                        .getConnection();
                Connection stranger = DatabaseGateway.dataSource(db.withUrl(db.url().withDatabase(deadShared)).withApplicationName("psql"))
                        .getConnection()) {
            Map<String, Leftover> found = new Leftovers(db, null, null).find().stream().collect(Collectors.toMap(Leftover::name, l -> l));
            assertThat(found.get(deadBusy).runDead()).isTrue();
            assertThat(found.get(deadBusy).state()).contains("is gone; 1 statement(s) it left running there end with it");
            assertThat(found.get(deadShared).runDead()).isFalse();
            assertThat(found.get(deadShared).state()).contains("is gone, but 1 session(s) still use it");

            Recording console = new Recording();
            try (Lmsdb lmsdb = lmsdb(db, "migrate", console)) {
                lmsdb.migrate(new Options.Migrate(true, false, null, false, null));
            }
            try (ServerAdmin admin = ServerAdmin.connect(db)) {
                assertThat(admin.exists(deadIdle)).isFalse();
                assertThat(admin.exists(deadBusy)).as("its only session was the dead run's").isFalse();
                assertThat(admin.exists(deadShared)).as("in use by someone else").isTrue();
                assertThat(admin.exists(live)).isTrue();
            }
            assertThat(console.info).anyMatch(l -> l.startsWith("Removed shadow database " + deadBusy + " (")
                    && l.endsWith("left by a dead lmsdb run (" + dead.describe() + ")."));
        } finally {
            try (ServerAdmin admin = ServerAdmin.connect(db)) {
                for (String d : List.of(deadIdle, deadBusy, deadShared, live)) {
                    admin.terminateAndDrop(d);
                }
            }
        }
    }
}
