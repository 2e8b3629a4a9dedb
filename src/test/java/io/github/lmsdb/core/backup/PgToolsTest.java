package io.github.lmsdb.core.backup;

import io.github.lmsdb.maven.MavenWords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.error.LmsdbException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding pg_dump, pg_restore and psql new enough for the server. */
class PgToolsTest {
    private static final Path PG14 = Path.of("/usr/lib/postgresql/14/bin");
    private static final Path PG15 = Path.of("/usr/lib/postgresql/15/bin");
    private static final Path PG16 = Path.of("/usr/lib/postgresql/16/bin");
    private static final Path PG17 = Path.of("/opt/homebrew/opt/postgresql@17/bin");

    @TempDir
    Path temp;

    @Test
    void versionIsReadFromDebianStylePgDumpOutput() {
        assertThat(PgTools.parseVersion("pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)")).contains("15.18");
    }

    @Test
    void versionIsReadFromPlainPgDumpOutput() {
        assertThat(PgTools.parseVersion("pg_dump (PostgreSQL) 17.2")).contains("17.2");
        assertThat(PgTools.parseVersion("pg_dump (PostgreSQL) 17.2\n")).contains("17.2");
    }

    @Test
    void versionWithoutMinorIsTheMajorAlone() {
        assertThat(PgTools.parseVersion("pg_dump (PostgreSQL) 18")).contains("18");
    }

    @Test
    void garbageGivesNoVersion() {
        assertThat(PgTools.parseVersion("command not found")).isEmpty();
        assertThat(PgTools.parseVersion("pg_dump 15.18")).isEmpty();
        assertThat(PgTools.parseVersion("")).isEmpty();
        assertThat(PgTools.parseVersion(null)).isEqualTo(Optional.empty());
    }

    @Test
    void choosesTheFirstCandidateAsNewAsTheServerSkippingOlderOnes() throws Exception {
        List<PgTools.Found> found = List.of(
                new PgTools.Found(PG14, "14.10", 14), new PgTools.Found(PG16, "16.4", 16), new PgTools.Found(PG17, "17.2", 17));

        assertThat(PgTools.choose(found, 15, null)).isEqualTo(new PgTools(PG16, "16.4", 16));
        assertThat(PgTools.choose(found, 16, null)).isEqualTo(new PgTools(PG16, "16.4", 16));
        assertThat(PgTools.choose(found, 17, null)).isEqualTo(new PgTools(PG17, "17.2", 17));
        assertThat(PgTools.choose(found, 14, null)).isEqualTo(new PgTools(PG14, "14.10", 14));
    }

    @Test
    void aConfiguredDirectoryIsTheOnlyOneChosen() throws Exception {
        List<PgTools.Found> found = List.of(new PgTools.Found(PG16, "16.4", 16), new PgTools.Found(PG17, "17.2", 17));

        assertThat(PgTools.choose(found, 15, PG17)).isEqualTo(new PgTools(PG17, "17.2", 17));
    }

    @Test
    void noCandidateNewEnoughIsRefusedNamingEachWithItsVersionAndTheFix() {
        List<PgTools.Found> found = List.of(new PgTools.Found(PG14, "14.10", 14), new PgTools.Found(PG15, "15.18", 15));

        assertThatThrownBy(() -> PgTools.choose(found, 16, null))
                .isInstanceOf(LmsdbException.class)
                .hasMessage("No pg_dump, pg_restore and psql for PostgreSQL 16 or newer (the server is 16). "
                        + "Found: /usr/lib/postgresql/14/bin (14.10), /usr/lib/postgresql/15/bin (15.18).")
                .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint()))
                        .contains("apt-get install postgresql-client-16")
                        .contains("-Dlmsdb.pgBinDirectory")
                        .isEqualTo("  Install the client tools: sudo apt-get install postgresql-client-16 | sudo dnf install postgresql16"
                                + " | brew install postgresql@16\n"
                                + "  Or point to them: -Dlmsdb.pgBinDirectory=/usr/lib/postgresql/16/bin"));
    }

    @Test
    void noCandidateAtAllIsRefusedSayingNoneFound() {
        assertThatThrownBy(() -> PgTools.choose(List.of(), 16, null))
                .isInstanceOf(LmsdbException.class)
                .hasMessage("No pg_dump, pg_restore and psql for PostgreSQL 16 or newer (the server is 16). Found: none found.")
                .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint()))
                        .contains("apt-get install postgresql-client-16")
                        .contains("-Dlmsdb.pgBinDirectory"));
    }

    @Test
    void configuredDirectoryWithoutTheToolsIsRefusedNamingIt() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("bin"));

        assertThatThrownBy(() -> PgTools.find(empty, 15, System.getenv("PATH")))
                .isInstanceOf(LmsdbException.class)
                .hasMessage("No pg_dump, pg_restore and psql in " + empty + " (pgBinDirectory).")
                .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint()))
                        .isEqualTo("  Point -Dlmsdb.pgBinDirectory at the bin directory of a PostgreSQL 15 or newer client installation."));
    }

    @Test
    void configuredDirectoryWithOnlySomeOfTheToolsIsRefused() throws Exception {
        Path partial = Files.createDirectories(temp.resolve("partial"));
        Files.createSymbolicLink(partial.resolve("pg_dump"), PG15.resolve("pg_dump"));

        assertThatThrownBy(() -> PgTools.find(partial, 15, null))
                .isInstanceOf(LmsdbException.class)
                .hasMessage("No pg_dump, pg_restore and psql in " + partial + " (pgBinDirectory).");
    }

    @Test
    void configuredDirectoryOlderThanTheServerIsRefusedNamingItsVersion() throws Exception {
        String version = PgTools.version(PG15).orElseThrow().version();

        assertThatThrownBy(() -> PgTools.find(PG15, 16, null))
                .isInstanceOf(LmsdbException.class)
                .hasMessage("No pg_dump, pg_restore and psql for PostgreSQL 16 or newer (the server is 16). Found: " + PG15 + " (" + version + ").");
    }

    @Test
    void findsTheInstalledToolsOnThisMachine() throws Exception {
        PgTools tools = PgTools.find(null, 15, System.getenv("PATH"));

        assertThat(tools.major()).isGreaterThanOrEqualTo(15);
        assertThat(tools.version()).startsWith(tools.major() + ".");
        assertThat(tools.pgDump()).isExecutable();
        assertThat(tools.pgRestore()).isExecutable();
        assertThat(tools.psql()).isExecutable();
        assertThat(tools.pgDump().getParent()).isEqualTo(tools.binDirectory());
    }

    @Test
    void findsTheConfiguredDirectoryWhenItIsNewEnough() throws Exception {
        PgTools tools = PgTools.find(PG15, 15, null);

        assertThat(tools.binDirectory()).isEqualTo(PG15);
        assertThat(tools.major()).isEqualTo(15);
        assertThat(tools.version()).startsWith("15.");
        assertThat(tools.pgDump()).isEqualTo(PG15.resolve("pg_dump"));
    }
}
