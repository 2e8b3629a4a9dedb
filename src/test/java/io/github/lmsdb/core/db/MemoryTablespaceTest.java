package io.github.lmsdb.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.config.JdbcUrl;
import io.github.lmsdb.core.config.PasswordSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tablespace generate's shadows get on the local shadow server: made and removed per run, leftovers of a killed run
 * removed by the next, and a server whose memory directories a reboot emptied started again. The directory is a plain
 * temporary one here (the server does not care which file system it is on); {@link MemoryTablespace#memoryFileSystem}
 * alone asks for a tmpfs.
 */
@EnabledOnOs(OS.LINUX)
class MemoryTablespaceTest {
    @TempDir
    Path temp;

    @Test
    void aRunGetsAnOwnerOnlyDirectoryAndATablespaceThatItsShadowsUseAndCloseRemovesBoth() throws Exception {
        Path root = Files.createDirectory(temp.resolve("memory"));
        ConnectionSettings server = superuser(TestServer.server());
        MemoryTablespace memory = MemoryTablespace.create(server, root);
        assertThat(memory).isNotNull();
        assertThat(memory.name()).startsWith(MemoryTablespace.PREFIX);
        assertThat(memory.directory().getParent()).isEqualTo(root);
        assertThat(memory.directory().getFileName().toString()).startsWith(MemoryTablespace.DIRECTORY_PREFIX);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(memory.directory()))).isEqualTo("rwx------");

        try (ShadowDatabase shadow = ShadowDatabase.create(new ShadowServer(server, "test", false, memory.name()), "memtest", null)) {
            try (Statement st = shadow.connection().createStatement()) {
                st.execute("create table t (id bigint generated always as identity primary key, body text)");
            }
            assertThat(query(server, "select t.spcname from pg_database d join pg_tablespace t on t.oid = d.dattablespace "
                    + "where d.datname = '" + shadow.name() + "'")).containsExactly(memory.name());
            try (java.util.stream.Stream<Path> files = Files.walk(memory.directory())) {
                assertThat(files.filter(Files::isRegularFile).count()).as("the shadow's files are in the directory").isGreaterThan(100);
            }
        }
        memory.close();
        assertThat(Files.exists(memory.directory(), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(tablespaces(server)).doesNotContain(memory.name());
    }

    @Test
    void theNextRunRemovesTheTablespaceAndDirectoryAKilledRunLeftAndKeepsOnesStillInUse() throws Exception {
        Path root = Files.createDirectory(temp.resolve("memory"));
        ConnectionSettings server = superuser(TestServer.server());
        // What a killed run leaves: its tablespace, its directory (its shadow database was dropped as a dead run's).
        String dead = MemoryTablespace.PREFIX + "dead" + ProcessHandle.current().pid();
        Path deadDirectory = Files.createDirectory(root.resolve(MemoryTablespace.DIRECTORY_PREFIX + "dead"));
        // One a live run of another JVM uses: a database is in it.
        String live = MemoryTablespace.PREFIX + "live" + ProcessHandle.current().pid();
        Path liveDirectory = Files.createDirectory(root.resolve(MemoryTablespace.DIRECTORY_PREFIX + "live"));
        String liveDatabase = "memtest_live_" + ProcessHandle.current().pid();
        try (ServerAdmin admin = ServerAdmin.open(server)) {
            admin.createTablespace(dead, deadDirectory.toString());
            admin.createTablespace(live, liveDirectory.toString());
            admin.create(liveDatabase, ServerAdmin.Creation.DEFAULT.template("template0").tablespace(live));
        }
        MemoryTablespace memory = MemoryTablespace.create(server, root);
        try {
            assertThat(tablespaces(server)).doesNotContain(dead).contains(live, memory.name());
            assertThat(Files.exists(deadDirectory, LinkOption.NOFOLLOW_LINKS)).isFalse();
            assertThat(Files.isDirectory(liveDirectory)).isTrue();

            // A second run of this JVM does not take the first one's for a leftover.
            MemoryTablespace second = MemoryTablespace.create(server, root);
            assertThat(tablespaces(server)).contains(memory.name(), second.name());
            second.close();
        } finally {
            memory.close();
            try (ServerAdmin admin = ServerAdmin.open(server)) {
                admin.terminateAndDrop(liveDatabase);
                admin.dropTablespace(live);
            }
        }
        assertThat(tablespaces(server)).doesNotContain(live, memory.name());
    }

    @Test
    void aServerThatCannotUseTheDirectoryGivesNoneAndLeavesNothing() throws Exception {
        // Not a directory the server can use (it does not exist for it): refused, nothing left behind.
        Path root = Files.createDirectory(temp.resolve("memory"));
        ConnectionSettings server = superuser(TestServer.server());
        ConnectionSettings notSuperuser = null;
        String role = "memtest_user_" + ProcessHandle.current().pid();
        try (Connection c = DriverManager.getConnection(server.url().toString(), "postgres", null); Statement st = c.createStatement()) {
            st.execute("create role " + role + " login createdb");
            notSuperuser = new ConnectionSettings(server.url(), role, null, PasswordSource.NONE, null, Duration.ofSeconds(10));
            assertThat(MemoryTablespace.create(notSuperuser, root)).isNull();
            try (java.util.stream.Stream<Path> left = Files.list(root)) {
                assertThat(left).isEmpty();
            }
        } finally {
            try (Connection c = DriverManager.getConnection(server.url().toString(), "postgres", null); Statement st = c.createStatement()) {
                st.execute("drop role if exists " + role);
            }
        }
    }

    @Test
    void onlyATmpfsWithRoomForTheSchemaIsUsed() throws Exception {
        assertThat(MemoryTablespace.memoryFileSystem(temp, 0)).as("a disk file system").isEmpty();
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && "tmpfs".equals(Files.getFileStore(shm).type())
                && Files.getFileStore(shm).getUsableSpace() >= MemoryTablespace.MINIMUM_FREE + 1000 * MemoryTablespace.PER_RELATION) {
            assertThat(MemoryTablespace.memoryFileSystem(shm, 1000)).contains(shm);
        }
        assertThat(MemoryTablespace.memoryFileSystem(shm, Long.MAX_VALUE / MemoryTablespace.PER_RELATION / 2))
                .as("a schema too large for the room").isEmpty();
        assertThat(MemoryTablespace.memoryFileSystem(temp.resolve("missing"), 0)).isEmpty();
    }

    /**
     * kill -9 of a run while its shadow lived in memory, then a reboot (the memory directory gone): PostgreSQL's recovery
     * would stop ("could not create missing directory"); with the directory made again first, the server starts, and the
     * next run removes the dead shadow and the tablespace.
     */
    @Test
    void aServerKilledWithAShadowInMemoryStartsAgainAfterItsDirectoryIsGone() throws Exception {
        Path data = temp.resolve("shadow-server");
        Path root = Files.createDirectory(temp.resolve("memory"));
        Process build = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), EmbeddedServerMain.class.getName(), data.toString())
                .redirectErrorStream(true).start();
        // As the killed run made them (not through this JVM, which would keep them as its own run's).
        String tablespace = MemoryTablespace.PREFIX + "killed";
        Path directory = root.resolve(MemoryTablespace.DIRECTORY_PREFIX + "killed");
        String shadow = "memtest_killed";
        try (BufferedReader out = new BufferedReader(new InputStreamReader(build.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY ")) {
                // the child's start-up chatter
            }
            assertThat(line).as("the child started its server").isNotNull();
            ConnectionSettings server = new ConnectionSettings(new JdbcUrl("localhost", Integer.parseInt(line.substring(6).trim()), "postgres", ""),
                    EmbeddedServer.SUPERUSER, null, PasswordSource.NONE, null, Duration.ofSeconds(10));
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            try (ServerAdmin admin = ServerAdmin.open(server)) {
                admin.createTablespace(tablespace, directory.toString());
                admin.create(shadow, ServerAdmin.Creation.DEFAULT.template("template0").tablespace(tablespace));
            }
            try (Connection c = DriverManager.getConnection(server.url().withDatabase(shadow).toString(), "postgres", null);
                    Statement st = c.createStatement()) {
                st.execute("create table t (id int primary key)");
            }
            build.destroyForcibly();
            assertThat(build.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        // The postmaster outlives its build; kill -9 it too (no shutdown checkpoint: the next start replays the WAL).
        ProcessHandle postmaster = ProcessHandle.of(Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim())).orElseThrow();
        List<ProcessHandle> children = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        postmaster.onExit().get(30, TimeUnit.SECONDS);
        for (ProcessHandle child : children) {
            child.onExit().get(30, TimeUnit.SECONDS);
        }
        io.github.lmsdb.core.io.FileTrees.delete(directory);

        MemoryTablespace.recreateMissingDirectories(data);
        assertThat(Files.isDirectory(directory)).isTrue();
        try (EmbeddedServer next = EmbeddedServer.start(data, null, 0)) {
            ConnectionSettings server = new ConnectionSettings(new JdbcUrl(next.host(), next.port(), "postgres", ""), EmbeddedServer.SUPERUSER,
                    null, PasswordSource.NONE, null, Duration.ofSeconds(10));
            try (ServerAdmin admin = ServerAdmin.open(server)) {
                admin.terminateAndDrop(shadow);
            }
            MemoryTablespace again = MemoryTablespace.create(server, root);
            assertThat(tablespaces(server)).containsExactly(again.name());
            assertThat(Files.exists(directory, LinkOption.NOFOLLOW_LINKS)).isFalse();
            again.close();
            assertThat(tablespaces(server)).isEmpty();
        }
    }

    @Test
    void aDirectoryOfOursUnchangedForADayIsDeletedAndNothingElse() throws Exception {
        Path root = Files.createDirectory(temp.resolve("memory"));
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(2)));
        Path stale = Files.createDirectories(root.resolve(MemoryTablespace.DIRECTORY_PREFIX + "stale/PG_15_202209061/16384"));
        Files.writeString(stale.resolve("1259"), "x");
        Path recent = Files.createDirectories(root.resolve(MemoryTablespace.DIRECTORY_PREFIX + "recent/PG_15_202209061/16384"));
        Path recentFile = Files.writeString(recent.resolve("1259"), "x");
        Path theirs = Files.createDirectory(root.resolve("someone-elses"));
        try (java.util.stream.Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                Files.setLastModifiedTime(p, old);
            }
        }
        // One file of the recent one changed now: that run may still be using it.
        Files.setLastModifiedTime(recentFile, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));

        MemoryTablespace.removeStale(root);

        assertThat(Files.exists(root.resolve(MemoryTablespace.DIRECTORY_PREFIX + "stale"))).isFalse();
        assertThat(Files.exists(recentFile)).isTrue();
        assertThat(Files.isDirectory(theirs)).isTrue();
    }

    @Test
    void onlyOurMissingDirectoriesAreMadeAgain() throws Exception {
        Path links = Files.createDirectories(temp.resolve("data/pg_tblspc"));
        Path root = Files.createDirectory(temp.resolve("memory"));
        Path ours = root.resolve(MemoryTablespace.DIRECTORY_PREFIX + "abc");
        Path theirs = root.resolve("their-tablespace");
        Files.createSymbolicLink(links.resolve("16500"), ours);
        Files.createSymbolicLink(links.resolve("16501"), theirs);
        Files.createSymbolicLink(links.resolve("16502"), temp.resolve("gone/" + MemoryTablespace.DIRECTORY_PREFIX + "def"));

        MemoryTablespace.recreateMissingDirectories(temp.resolve("data"));

        assertThat(Files.isDirectory(ours)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ours))).isEqualTo("rwx------");
        assertThat(Files.exists(theirs)).isFalse();
        assertThat(Files.exists(temp.resolve("gone"))).as("never more than the last directory").isFalse();
    }

    private static ConnectionSettings superuser(EmbeddedServer server) {
        return new ConnectionSettings(new JdbcUrl(server.host(), server.port(), "postgres", ""), EmbeddedServer.SUPERUSER, null,
                PasswordSource.NONE, null, Duration.ofSeconds(10));
    }

    private static List<String> tablespaces(ConnectionSettings server) throws SQLException {
        return query(server, "select spcname from pg_tablespace where spcname like 'lmsdb\\_memory\\_%' order by 1");
    }

    private static List<String> query(ConnectionSettings server, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.url().toString(), "postgres", null);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }
}
