package io.github.lmsdb.core.db;

import io.github.lmsdb.maven.MavenWords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.config.JdbcUrl;
import io.github.lmsdb.core.config.PasswordSource;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DatabaseGatewayTest {

    @Test
    void reportsServerDatabaseUserAndSize() throws Exception {
        ConnectionSettings settings = TestServer.newDatabase("gw_info");
        try (DatabaseGateway gateway = DatabaseGateway.connect(settings)) {
            ServerInfo info = gateway.serverInfo();
            assertThat(info.majorVersion()).isEqualTo(15);
            assertThat(info.version()).startsWith("15.");
            assertThat(info.database()).isEqualTo(settings.url().database());
            assertThat(info.user()).isEqualTo("postgres");
            assertThat(info.databaseSizeBytes()).isPositive();
        }
    }

    @Test
    void connectionRefusedSaysServerIsNotRunningAndHowToStartIt() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThatThrownBy(() -> DatabaseGateway.connect(settings("localhost", port, "lms_db")))
                .isInstanceOf(LmsdbException.class)
                .hasMessage("Cannot connect to PostgreSQL at localhost:" + port + " (connection refused).")
                .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint()))
                        .contains("PostgreSQL is not running or not accessible.")
                        .contains("systemctl start postgresql")
                        .contains("-Dlmsdb.embedded=true"));
    }

    @Test
    void unknownDatabaseSaysHowToCreateIt() throws Exception {
        int port = TestServer.server().port();
        assertThatThrownBy(() -> DatabaseGateway.connect(settings("localhost", port, "no_such_db")))
                .isInstanceOf(LmsdbException.class)
                .hasMessage("Database 'no_such_db' does not exist on localhost:" + port + ".")
                .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint())).contains("createdb -h localhost -p " + port));
    }

    @Test
    void unknownHostIsNamed() {
        assertThatThrownBy(() -> DatabaseGateway.connect(settings("no-such-host.invalid", 5432, "lms_db")))
                .isInstanceOf(LmsdbException.class)
                .hasMessageContaining("unknown host 'no-such-host.invalid'");
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithinTheConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ConnectionSettings settings = new ConnectionSettings(
                    new JdbcUrl("127.0.0.1", silent.getLocalPort(), "lms_db", ""), "postgres", null, PasswordSource.NONE, null,
                    Duration.ofSeconds(1));
            long start = System.nanoTime();
            assertThatThrownBy(() -> DatabaseGateway.connect(settings))
                    .isInstanceOf(LmsdbException.class)
                    .hasMessage("Cannot connect to PostgreSQL at 127.0.0.1:" + silent.getLocalPort() + ": no answer within 1 s.");
            // Not a performance assertion: proves the timeout setting is the one applied, not the driver's default.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        }
    }

    private static ConnectionSettings settings(String host, int port, String db) {
        return new ConnectionSettings(new JdbcUrl(host, port, db, ""), "postgres", null, PasswordSource.NONE, null, Duration.ofSeconds(5));
    }
}
