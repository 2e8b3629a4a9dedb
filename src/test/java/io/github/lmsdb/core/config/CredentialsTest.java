package io.github.lmsdb.core.config;

import io.github.lmsdb.maven.MavenWords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.error.LmsdbException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {
    private static final String SECRET = "Pa55-w0rd-never-shown";

    @TempDir
    Path temp;

    private JdbcUrl url;
    private Path pgpass;

    @BeforeEach
    void setUp() throws Exception {
        url = JdbcUrl.parse("jdbc:postgresql://db.example.com:5432/lms_db");
        pgpass = temp.resolve(".pgpass");
        Files.write(pgpass, List.of("db.example.com:5432:lms_db:app:from-file"), StandardCharsets.UTF_8);
    }

    @Test
    void configuredPasswordWinsOverPgPasswordAndFile() throws Exception {
        Credentials.Resolved resolved = Credentials.resolve("app", true, "from-config", null, null, null, "from-env", pgpass, url);

        assertThat(resolved).isEqualTo(new Credentials.Resolved("app", "from-config", PasswordSource.CONFIGURATION));
    }

    @Test
    void settingsServerWinsOverPgPasswordAndFile() throws Exception {
        Credentials.Resolved resolved =
                Credentials.resolve("postgres", false, null, "lms-prod", "app", "from-server", "from-env", pgpass, url);

        assertThat(resolved).isEqualTo(new Credentials.Resolved("app", "from-server", PasswordSource.SETTINGS_SERVER));
    }

    @Test
    void pgPasswordWinsOverFile() throws Exception {
        Credentials.Resolved resolved = Credentials.resolve("app", true, null, null, null, null, "from-env", pgpass, url);

        assertThat(resolved).isEqualTo(new Credentials.Resolved("app", "from-env", PasswordSource.PGPASSWORD));
    }

    @Test
    void pgpassFileIsConsultedLastWithTheUrlAndUser() throws Exception {
        Credentials.Resolved resolved = Credentials.resolve("app", true, null, null, null, null, null, pgpass, url);

        assertThat(resolved).isEqualTo(new Credentials.Resolved("app", "from-file", PasswordSource.PGPASS_FILE));
    }

    @Test
    void pgpassFileLineForAnotherUserIsNotUsed() throws Exception {
        Credentials.Resolved resolved = Credentials.resolve("postgres", false, null, null, null, null, null, pgpass, url);

        assertThat(resolved).isEqualTo(new Credentials.Resolved("postgres", null, PasswordSource.NONE));
    }

    @Test
    void pgpassFileLineForAnIpv6HostMatchesTheBracketedUrlHost() throws Exception {
        // libpq matches the host as connected to (::1, written \:\:1 in the file); the JDBC URL needs brackets around it.
        Files.write(pgpass, List.of("\\:\\:1:5432:lms_db:app:ipv6-file"), StandardCharsets.UTF_8);
        JdbcUrl ipv6 = JdbcUrl.parse("jdbc:postgresql://[::1]:5432/lms_db");

        Credentials.Resolved resolved = Credentials.resolve("app", true, null, null, null, null, null, pgpass, ipv6);

        assertThat(resolved).isEqualTo(new Credentials.Resolved("app", "ipv6-file", PasswordSource.PGPASS_FILE));
    }

    @Test
    void emptyConfiguredPasswordCountsAsNone() throws Exception {
        Credentials.Resolved resolved = Credentials.resolve("app", true, "", null, null, null, "from-env", pgpass, url);

        assertThat(resolved).isEqualTo(new Credentials.Resolved("app", "from-env", PasswordSource.PGPASSWORD));
    }

    @Test
    void emptyPgPasswordCountsAsNone() throws Exception {
        Credentials.Resolved resolved = Credentials.resolve("app", true, null, null, null, null, "", pgpass, url);

        assertThat(resolved).isEqualTo(new Credentials.Resolved("app", "from-file", PasswordSource.PGPASS_FILE));
    }

    @Test
    void blankServerIdCountsAsNone() throws Exception {
        Credentials.Resolved resolved = Credentials.resolve("app", true, "from-config", "  ", "other", "from-server", null, pgpass, url);

        assertThat(resolved).isEqualTo(new Credentials.Resolved("app", "from-config", PasswordSource.CONFIGURATION));
    }

    @Test
    void noPasswordAnywhereIsSourceNoneWithNullPassword() throws Exception {
        Credentials.Resolved resolved =
                Credentials.resolve("postgres", false, null, null, null, null, null, temp.resolve("no-such-pgpass"), url);

        assertThat(resolved.user()).isEqualTo("postgres");
        assertThat(resolved.password()).isNull();
        assertThat(resolved.source()).isEqualTo(PasswordSource.NONE);
    }

    @Test
    void serverIdWithAConfiguredPasswordIsRefusedNamingTheServer() {
        assertThatThrownBy(() -> Credentials.resolve("app", true, SECRET, "lms-prod", "app", "from-server", null, pgpass, url))
                .isInstanceOf(LmsdbException.class)
                .hasMessageStartingWith("Credentials are given twice")
                .hasMessageContaining("'lms-prod'")
                .hasMessageNotContaining(SECRET)
                .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint()))
                        .contains("-Dlmsdb.password")
                        .contains("-Dlmsdb.serverId")
                        .doesNotContain(SECRET));
    }

    @Test
    void explicitUserDifferentFromTheServersUsernameIsRefused() {
        assertThatThrownBy(() -> Credentials.resolve("admin", true, null, "lms-prod", "app", SECRET, null, pgpass, url))
                .isInstanceOf(LmsdbException.class)
                .hasMessage("Credentials are given twice: user 'admin' in the plugin configuration and user 'app' in the settings.xml "
                        + "server 'lms-prod'.")
                .satisfies(e -> assertThat(((LmsdbException) e).describe()).doesNotContain(SECRET));
    }

    @Test
    void explicitUserEqualToTheServersUsernameIsAccepted() throws Exception {
        Credentials.Resolved resolved = Credentials.resolve("app", true, null, "lms-prod", "app", "from-server", null, pgpass, url);

        assertThat(resolved).isEqualTo(new Credentials.Resolved("app", "from-server", PasswordSource.SETTINGS_SERVER));
    }

    @Test
    void defaultedUserGivesWayToTheServersUsername() throws Exception {
        Credentials.Resolved resolved =
                Credentials.resolve("postgres", false, null, "lms-prod", "app", "from-server", null, pgpass, url);

        assertThat(resolved).isEqualTo(new Credentials.Resolved("app", "from-server", PasswordSource.SETTINGS_SERVER));
    }

    @Test
    void serverWithoutUsernameKeepsTheConfiguredUser() throws Exception {
        Credentials.Resolved resolved = Credentials.resolve("app", true, null, "lms-prod", null, "from-server", null, pgpass, url);

        assertThat(resolved).isEqualTo(new Credentials.Resolved("app", "from-server", PasswordSource.SETTINGS_SERVER));
    }

    @Test
    void resolvedToStringNeverShowsThePassword() throws Exception {
        Credentials.Resolved resolved = Credentials.resolve("app", true, SECRET, null, null, null, null, pgpass, url);

        assertThat(resolved.toString())
                .doesNotContain(SECRET)
                .isEqualTo("Resolved[user=app, password=****, source=CONFIGURATION]");
        assertThat(new Credentials.Resolved("app", null, PasswordSource.NONE).toString())
                .isEqualTo("Resolved[user=app, password=<none>, source=NONE]");
    }

    @Test
    void connectionSettingsToStringNeverShowsThePassword() {
        ConnectionSettings settings =
                new ConnectionSettings(url, "app", SECRET, PasswordSource.SETTINGS_SERVER, "lms-prod", Duration.ofSeconds(10));

        assertThat(settings.toString())
                .doesNotContain(SECRET)
                .isEqualTo("ConnectionSettings[url=jdbc:postgresql://db.example.com:5432/lms_db, user=app, password=****, "
                        + "passwordSource=SETTINGS_SERVER, serverId=lms-prod, connectTimeout=PT10S, applicationName=lmsdb-maven-plugin]");
        assertThat(settings.withUrl(url.at("localhost", 5433)).toString()).doesNotContain(SECRET);
    }

    @Test
    void connectionSettingsWithoutPasswordSaysNone() {
        ConnectionSettings settings = new ConnectionSettings(url, "app", null, PasswordSource.NONE, null, Duration.ofSeconds(10));

        assertThat(settings.hasPassword()).isFalse();
        assertThat(settings.toString()).contains("password=<none>");
    }

    @Test
    void serverWithOnlyAUsernameTakesThePasswordFromPgPassword() throws Exception {
        Credentials.Resolved resolved = Credentials.resolve("postgres", false, null, "lms-prod", "app", null, "from-env", pgpass, url);

        assertThat(resolved).isEqualTo(new Credentials.Resolved("app", "from-env", PasswordSource.PGPASSWORD));
    }

    @Test
    void serverWithOnlyAUsernameTakesThePasswordFromThePasswordFileForThatUser() throws Exception {
        Credentials.Resolved resolved = Credentials.resolve("postgres", false, null, "lms-prod", "app", null, null, pgpass, url);

        assertThat(resolved).isEqualTo(new Credentials.Resolved("app", "from-file", PasswordSource.PGPASS_FILE));
    }
}
