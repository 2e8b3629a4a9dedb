package io.github.lmsdb.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedServerTest {
    @TempDir
    Path temp;

    @Test
    void dataSurvivesARestartOnTheSameDirectory() throws Exception {
        Path data = temp.resolve("postgres");
        try (EmbeddedServer first = EmbeddedServer.start(data, null, 0)) {
            assertThat(first.ensureDatabase("lms_db")).isTrue();
            assertThat(first.ensureDatabase("lms_db")).isFalse();
            try (Connection c = DriverManager.getConnection(url(first), "postgres", null);
                    Statement st = c.createStatement()) {
                st.execute("create table kept (id int)");
                st.execute("insert into kept values (42)");
            }
        }
        try (EmbeddedServer second = EmbeddedServer.start(data, null, 0)) {
            assertThat(second.ensureDatabase("lms_db")).isFalse();
            try (Connection c = DriverManager.getConnection(url(second), "postgres", null);
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select id from kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    /** kill -9 of the build that started the server leaves its postmaster on the directory; the next start stops it and goes on. */
    @Test
    void aServerLeftRunningByAKilledBuildIsStoppedAndTheNextStartSucceeds() throws Exception {
        Path data = temp.resolve("orphaned");
        Process build = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), EmbeddedServerMain.class.getName(), data.toString())
                .redirectErrorStream(true).start();
        int port;
        try (java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(build.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY ")) {
                // the child's start-up chatter
            }
            assertThat(line).as("the child started its server").isNotNull();
            port = Integer.parseInt(line.substring("READY ".length()).trim());
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", null);
                    Statement st = c.createStatement()) {
                st.execute("create table kept (id int)");
                st.execute("insert into kept values (7)");
            }
            build.destroyForcibly();
            assertThat(build.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        long postmaster = Long.parseLong(java.nio.file.Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("the postmaster outlives its build").contains(true);

        try (EmbeddedServer next = EmbeddedServer.start(data, null, 0);
                Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + next.port() + "/postgres", "postgres", null);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select id from kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(7);
        }
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).as("the orphan was stopped").isFalse();
        assertThat(java.nio.file.Files.readString(data.resolveSibling("orphaned.log")))
                .as("the new postmaster never met the old one's lock file").doesNotContain("already exists");
    }

    private static String url(EmbeddedServer server) {
        return "jdbc:postgresql://localhost:" + server.port() + "/lms_db";
    }
}
