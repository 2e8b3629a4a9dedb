package io.github.lmsdb.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgPassFileTest {
    @TempDir
    Path temp;

    @Test
    void exactLineMatchesOnlyItsHostPortDatabaseAndUser() {
        PgPassFile file = PgPassFile.parse(List.of("db.example.com:5432:lms_db:app:s3cret"));

        assertThat(file.find("db.example.com", 5432, "lms_db", "app")).contains("s3cret");
        assertThat(file.find("other.example.com", 5432, "lms_db", "app")).isEmpty();
        assertThat(file.find("db.example.com", 5433, "lms_db", "app")).isEmpty();
        assertThat(file.find("db.example.com", 5432, "other_db", "app")).isEmpty();
        assertThat(file.find("db.example.com", 5432, "lms_db", "admin")).isEmpty();
    }

    @Test
    void firstMatchingLineWins() {
        PgPassFile file = PgPassFile.parse(List.of(
                "localhost:5432:other_db:app:not-this-one",
                "localhost:5432:lms_db:app:first",
                "localhost:5432:lms_db:app:second",
                "*:*:*:*:catch-all"));

        assertThat(file.find("localhost", 5432, "lms_db", "app")).contains("first");
        assertThat(file.find("localhost", 5432, "other_db", "app")).contains("not-this-one");
        assertThat(file.find("elsewhere", 1, "x", "y")).contains("catch-all");
    }

    @Test
    void pgpassWildcardMatchesAnyPort() {
        PgPassFile file = PgPassFile.parse(List.of("localhost:*:lms_db:app:any-port"));

        assertThat(file.find("localhost", 5432, "lms_db", "app")).contains("any-port");
        assertThat(file.find("localhost", 54321, "lms_db", "app")).contains("any-port");
        assertThat(file.find("otherhost", 5432, "lms_db", "app")).isEmpty();
    }

    @Test
    void wildcardsMatchAnyHostDatabaseAndUser() {
        PgPassFile file = PgPassFile.parse(List.of("*:5432:*:*:pw"));

        assertThat(file.find("db.example.com", 5432, "lms_db", "app")).contains("pw");
        assertThat(file.find("localhost", 5432, "postgres", "postgres")).contains("pw");
        assertThat(file.find("localhost", 5433, "postgres", "postgres")).isEmpty();
    }

    @Test
    void starInsideAFieldIsNotAWildcard() {
        PgPassFile file = PgPassFile.parse(List.of("db*:5432:lms_db:app:pw"));

        assertThat(file.find("db1", 5432, "lms_db", "app")).isEmpty();
        assertThat(file.find("db*", 5432, "lms_db", "app")).contains("pw");
    }

    @Test
    void escapedColonAndBackslashInFieldsAreLiteral() {
        PgPassFile file = PgPassFile.parse(List.of("\\:\\:1:5432:odd\\\\db:us\\:er:pw"));

        assertThat(file.find("::1", 5432, "odd\\db", "us:er")).contains("pw");
        assertThat(file.find("::1", 5432, "odd\\\\db", "us:er")).isEmpty();
    }

    @Test
    void escapedColonAndBackslashInThePasswordAreUnescaped() {
        PgPassFile file = PgPassFile.parse(List.of("localhost:5432:lms_db:app:pa\\:ss\\\\word"));

        assertThat(file.find("localhost", 5432, "lms_db", "app")).contains("pa:ss\\word");
    }

    @Test
    void commentsBlankAndMalformedLinesAreIgnored() {
        PgPassFile file = PgPassFile.parse(List.of(
                "# localhost:5432:lms_db:app:commented-out",
                "",
                "   ",
                "localhost:5432:lms_db:app",
                "localhost:5432:lms_db",
                "just-a-password",
                "localhost:5432:lms_db:app:valid"));

        assertThat(file.find("localhost", 5432, "lms_db", "app")).contains("valid");
    }

    @Test
    void emptyPasswordFieldIsAnEmptyPassword() {
        PgPassFile file = PgPassFile.parse(List.of("localhost:5432:lms_db:app:"));

        assertThat(file.find("localhost", 5432, "lms_db", "app")).contains("");
    }

    @Test
    void readsAFileFromDisk() throws Exception {
        Path pgpass = temp.resolve(".pgpass");
        Files.write(pgpass, List.of(
                "# team database",
                "db.example.com:5432:lms_db:app:from\\:file",
                "*:*:*:app:fallback"), StandardCharsets.UTF_8);

        PgPassFile file = PgPassFile.read(pgpass);

        assertThat(file.find("db.example.com", 5432, "lms_db", "app")).contains("from:file");
        assertThat(file.find("localhost", 5433, "test_db", "app")).contains("fallback");
        assertThat(file.find("localhost", 5433, "test_db", "postgres")).isEmpty();
    }

    @Test
    void readsWindowsLineEndings() throws Exception {
        Path pgpass = temp.resolve("pgpass.conf");
        Files.writeString(pgpass, "localhost:5432:lms_db:app:first\r\nlocalhost:5432:lms_db:admin:second\r\n", StandardCharsets.UTF_8);

        PgPassFile file = PgPassFile.read(pgpass);

        assertThat(file.find("localhost", 5432, "lms_db", "app")).contains("first");
        assertThat(file.find("localhost", 5432, "lms_db", "admin")).contains("second");
    }

    @Test
    void missingFileIsEmpty() {
        assertThat(PgPassFile.read(temp.resolve("no-such-file")).find("localhost", 5432, "lms_db", "app")).isEmpty();
        assertThat(PgPassFile.read(null).find("localhost", 5432, "lms_db", "app")).isEmpty();
    }

    @Test
    void aDirectoryInsteadOfAFileIsEmpty() {
        assertThat(PgPassFile.read(temp).find("localhost", 5432, "lms_db", "app")).isEmpty();
    }

    @Test
    void defaultLocationIsPgPassFileVariableElseDotPgPassInHome() {
        assertThat(PgPassFile.defaultLocation("/etc/lms/pgpass", "/home/dev")).isEqualTo(Path.of("/etc/lms/pgpass"));
        assertThat(PgPassFile.defaultLocation(null, "/home/dev")).isEqualTo(Path.of("/home/dev", ".pgpass"));
        assertThat(PgPassFile.defaultLocation("  ", "/home/dev")).isEqualTo(Path.of("/home/dev", ".pgpass"));
    }

    @Test
    void anEscapedStarIsALiteralStarNotAWildcard() {
        PgPassFile file = PgPassFile.parse(List.of("\\*:5432:lms_db:app:literal-star"));

        assertThat(file.find("localhost", 5432, "lms_db", "app")).isEmpty();
        assertThat(file.find("*", 5432, "lms_db", "app")).contains("literal-star");
    }

    @Test
    void thePasswordEndsAtAnUnescapedColonAsInLibpq() {
        PgPassFile file = PgPassFile.parse(List.of("localhost:5432:lms_db:app:before:after"));

        assertThat(file.find("localhost", 5432, "lms_db", "app")).contains("before");
    }
}
