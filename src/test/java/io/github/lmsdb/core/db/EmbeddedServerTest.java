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

    private static String url(EmbeddedServer server) {
        return "jdbc:postgresql://localhost:" + server.port() + "/lms_db";
    }
}
