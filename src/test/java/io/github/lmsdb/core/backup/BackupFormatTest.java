package io.github.lmsdb.core.backup;

import io.github.lmsdb.maven.MavenWords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.error.LmsdbException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recognising a backup by its content, and the format names users type. */
class BackupFormatTest {
    private static final String PLAIN_HEADER = "--\n-- PostgreSQL database dump\n--\n\n-- Dumped from database version 15.19\n";

    @TempDir
    Path temp;

    @Test
    void plainDumpIsRecognisedByItsHeaderComment() throws Exception {
        Path file = Files.writeString(temp.resolve("lms_db.sql"), PLAIN_HEADER + "SET statement_timeout = 0;\n");

        assertThat(BackupFormat.detect(file)).isEqualTo(BackupFormat.PLAIN);
    }

    @Test
    void plainDumpIsRecognisedWhateverItsFileName() throws Exception {
        Path file = Files.writeString(temp.resolve("backup.dump"), PLAIN_HEADER);

        assertThat(BackupFormat.detect(file)).isEqualTo(BackupFormat.PLAIN);
    }

    @Test
    void customDumpIsRecognisedByItsMagicBytes() throws Exception {
        byte[] bytes = new byte[64];
        System.arraycopy("PGDMP".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 5);
        for (int i = 5; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 37);
        }
        Path file = Files.write(temp.resolve("lms_db.sql"), bytes);

        assertThat(BackupFormat.detect(file)).isEqualTo(BackupFormat.CUSTOM);
    }

    @Test
    void directoryWithTocIsADirectoryDump() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("lms_db.dir"));
        Files.write(dir.resolve("toc.dat"), "PGDMP".getBytes(StandardCharsets.US_ASCII));
        Files.write(dir.resolve("3301.dat.gz"), new byte[] {31, -117});

        assertThat(BackupFormat.detect(dir)).isEqualTo(BackupFormat.DIRECTORY);
    }

    @Test
    void randomTextFileIsRefusedNamingItAndTheParameter() throws Exception {
        Path file = Files.writeString(temp.resolve("notes.txt"), "shopping list: milk, eggs\n");

        assertThatThrownBy(() -> BackupFormat.detect(file))
                .isInstanceOf(LmsdbException.class)
                .hasMessage("Not a backup this plugin can restore: " + file + " is neither pg_dump SQL, a custom-format dump nor a directory dump.")
                .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint())).contains("-Dlmsdb.file="));
    }

    @Test
    void emptyFileIsRefused() throws Exception {
        Path file = Files.write(temp.resolve("empty.sql"), new byte[0]);

        assertThatThrownBy(() -> BackupFormat.detect(file))
                .isInstanceOf(LmsdbException.class)
                .hasMessageStartingWith("Not a backup this plugin can restore: " + file + " ");
    }

    @Test
    void shortFileStartingLikeTheMagicIsRefused() throws Exception {
        Path file = Files.writeString(temp.resolve("short.dump"), "PGD");

        assertThatThrownBy(() -> BackupFormat.detect(file))
                .isInstanceOf(LmsdbException.class)
                .hasMessageStartingWith("Not a backup this plugin can restore: " + file + " ");
    }

    @Test
    void emptyDirectoryIsRefusedNamingItAndTheParameter() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("lms_db.dir"));

        assertThatThrownBy(() -> BackupFormat.detect(dir))
                .isInstanceOf(LmsdbException.class)
                .hasMessage("Not a backup this plugin can restore: " + dir + " is neither pg_dump SQL, a custom-format dump nor a directory dump.")
                .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint()))
                        .isEqualTo("  Give a file written by mvn lmsdb:backup or pg_dump: -Dlmsdb.file=backups/<database>_<date>_<time>.sql"));
    }

    @Test
    void formatNamesAreParsedCaseInsensitively() throws Exception {
        assertThat(BackupFormat.parse("plain")).isEqualTo(BackupFormat.PLAIN);
        assertThat(BackupFormat.parse("custom")).isEqualTo(BackupFormat.CUSTOM);
        assertThat(BackupFormat.parse("directory")).isEqualTo(BackupFormat.DIRECTORY);
        assertThat(BackupFormat.parse("DUMP")).isEqualTo(BackupFormat.CUSTOM);
        assertThat(BackupFormat.parse(" Dir ")).isEqualTo(BackupFormat.DIRECTORY);
        assertThat(BackupFormat.parse("SQL")).isEqualTo(BackupFormat.PLAIN);
    }

    @Test
    void noFormatMeansPlain() throws Exception {
        assertThat(BackupFormat.parse(null)).isEqualTo(BackupFormat.PLAIN);
        assertThat(BackupFormat.parse("  ")).isEqualTo(BackupFormat.PLAIN);
    }

    @Test
    void unknownFormatIsRefusedListingTheAllowedValues() {
        assertThatThrownBy(() -> BackupFormat.parse("zip"))
                .isInstanceOf(LmsdbException.class)
                .hasMessage("Unknown backup format 'zip'. Allowed values: plain, custom, directory.")
                .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint())).contains("-Dlmsdb.backupFormat=custom"));
    }

    @Test
    void eachFormatHasItsPgDumpFlagAndExtension() {
        assertThat(BackupFormat.PLAIN.flag() + BackupFormat.PLAIN.extension()).isEqualTo("p.sql");
        assertThat(BackupFormat.CUSTOM.flag() + BackupFormat.CUSTOM.extension()).isEqualTo("c.dump");
        assertThat(BackupFormat.DIRECTORY.flag() + BackupFormat.DIRECTORY.extension()).isEqualTo("d.dir");
    }
}
