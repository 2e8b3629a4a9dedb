package io.github.lmsdb.core.config;

import io.github.lmsdb.maven.MavenWords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.error.LmsdbException;
import org.junit.jupiter.api.Test;

class JdbcUrlTest {

    @Test
    void parsesHostPortDatabaseAndQuery() throws Exception {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://db.example.com:6543/lms_db?sslmode=require&connectTimeout=5");

        assertThat(url.host()).isEqualTo("db.example.com");
        assertThat(url.port()).isEqualTo(6543);
        assertThat(url.database()).isEqualTo("lms_db");
        assertThat(url.query()).isEqualTo("sslmode=require&connectTimeout=5");
        assertThat(url.hostAndPort()).isEqualTo("db.example.com:6543");
    }

    @Test
    void aPasswordWrittenIntoARejectedOrShownUrlNeverAppears() throws Exception {
        for (String url : new String[] {"jdbc:postgresql://alice:S3cr3t-pw@db:5432",
                "jdbc:postgresql://db:99999/lms?user=alice&password=S3cr3t-pw", "postgres://alice:S3cr3t-pw@db/lms"}) {
            assertThatThrownBy(() -> JdbcUrl.parse(url)).isInstanceOf(LmsdbException.class)
                    .hasMessageStartingWith("Invalid database URL '").hasMessageNotContaining("S3cr3t-pw");
        }
        assertThat(JdbcUrl.parse("jdbc:postgresql://db/lms?sslmode=require&password=S3cr3t-pw&ApplicationName=x").toString())
                .isEqualTo("jdbc:postgresql://db:5432/lms?sslmode=require&password=***&ApplicationName=x");
        assertThat(JdbcUrl.redact("jdbc:postgresql://alice:S3cr3t-pw@db/lms")).isEqualTo("jdbc:postgresql://alice:***@db/lms");
    }

    @Test
    void portDefaultsTo5432AndQueryToEmpty() throws Exception {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://localhost/lms_db");

        assertThat(url).isEqualTo(new JdbcUrl("localhost", 5432, "lms_db", ""));
    }

    @Test
    void missingHostMeansLocalhost() throws Exception {
        assertThat(JdbcUrl.parse("jdbc:postgresql:///lms_db")).isEqualTo(new JdbcUrl("localhost", 5432, "lms_db", ""));
    }

    @Test
    void surroundingWhitespaceIsIgnored() throws Exception {
        assertThat(JdbcUrl.parse("  jdbc:postgresql://localhost:5433/lms_db \n")).isEqualTo(new JdbcUrl("localhost", 5433, "lms_db", ""));
    }

    @Test
    void ipv6HostKeepsItsBracketsWithOrWithoutPort() throws Exception {
        assertThat(JdbcUrl.parse("jdbc:postgresql://[::1]:5433/lms_db")).isEqualTo(new JdbcUrl("[::1]", 5433, "lms_db", ""));
        assertThat(JdbcUrl.parse("jdbc:postgresql://[::1]/lms_db")).isEqualTo(new JdbcUrl("[::1]", 5432, "lms_db", ""));
        assertThat(JdbcUrl.parse("jdbc:postgresql://[::1]:5433/lms_db").hostAndPort()).isEqualTo("[::1]:5433");
    }

    @Test
    void missingDatabaseIsRefusedNamingTheUrlAndTheProperty() {
        assertInvalid("jdbc:postgresql://localhost:5432/");
        assertInvalid("jdbc:postgresql://localhost:5432");
        assertInvalid("jdbc:postgresql://localhost:5432/?sslmode=require");
    }

    @Test
    void nonPostgresUrlIsRefusedNamingTheUrlAndTheProperty() {
        assertInvalid("jdbc:mysql://localhost:3306/lms_db");
        assertInvalid("postgresql://localhost:5432/lms_db");
        assertInvalid("localhost:5432/lms_db");
        assertInvalid("");
    }

    @Test
    void nonNumericPortIsRefused() {
        assertInvalid("jdbc:postgresql://localhost:port/lms_db");
    }

    @Test
    void nullUrlIsRefused() {
        assertThatThrownBy(() -> JdbcUrl.parse(null))
                .isInstanceOf(LmsdbException.class)
                .hasMessage("Invalid database URL 'null'. Expected jdbc:postgresql://host:port/database.");
    }

    @Test
    void portTooLargeForAnIntIsRefusedAsAnInvalidUrl() {
        // A typo a user can make; it must be a typed failure with a hint, not a NumberFormatException.
        assertInvalid("jdbc:postgresql://localhost:99999999999/lms_db");
    }

    @Test
    void portOutsideTheTcpRangeIsRefused() throws Exception {
        assertInvalid("jdbc:postgresql://localhost:0/lms_db");
        assertInvalid("jdbc:postgresql://localhost:65536/lms_db");
        assertThat(JdbcUrl.parse("jdbc:postgresql://localhost:65535/lms_db").port()).isEqualTo(65535);
        assertThat(JdbcUrl.parse("jdbc:postgresql://localhost:1/lms_db").port()).isEqualTo(1);
    }

    @Test
    void bareHostDropsTheBracketsOfAnIpv6Literal() throws Exception {
        assertThat(JdbcUrl.parse("jdbc:postgresql://[::1]:5433/lms_db").bareHost()).isEqualTo("::1");
        assertThat(JdbcUrl.parse("jdbc:postgresql://db.example.com/lms_db").bareHost()).isEqualTo("db.example.com");
    }

    @Test
    void atKeepsDatabaseAndQuery() throws Exception {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://db.example.com:5432/lms_db?sslmode=require");

        JdbcUrl moved = url.at("localhost", 54321);

        assertThat(moved).isEqualTo(new JdbcUrl("localhost", 54321, "lms_db", "sslmode=require"));
        assertThat(url.port()).isEqualTo(5432);
    }

    @Test
    void withDatabaseKeepsServerAndQuery() throws Exception {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://db.example.com:5433/lms_db?sslmode=require");

        assertThat(url.withDatabase("postgres")).isEqualTo(new JdbcUrl("db.example.com", 5433, "postgres", "sslmode=require"));
    }

    @Test
    void toStringRoundTrips() throws Exception {
        for (String text : new String[] {
            "jdbc:postgresql://db.example.com:6543/lms_db?sslmode=require",
            "jdbc:postgresql://localhost:5432/lms_db",
            "jdbc:postgresql://[::1]:5433/lms_db?ApplicationName=x"
        }) {
            JdbcUrl url = JdbcUrl.parse(text);
            assertThat(url.toString()).isEqualTo(text);
            assertThat(JdbcUrl.parse(url.toString())).isEqualTo(url);
        }
    }

    @Test
    void toStringSpellsOutTheDefaultPort() throws Exception {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://localhost/lms_db");

        assertThat(url.toString()).isEqualTo("jdbc:postgresql://localhost:5432/lms_db");
        assertThat(JdbcUrl.parse(url.toString())).isEqualTo(url);
    }

    private static void assertInvalid(String text) {
        assertThatThrownBy(() -> JdbcUrl.parse(text))
                .as("parsing %s", text)
                .isInstanceOf(LmsdbException.class)
                .hasMessage("Invalid database URL '" + text + "'. Expected jdbc:postgresql://host:port/database.")
                .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint())).contains("-Dlmsdb.url="));
    }
}
