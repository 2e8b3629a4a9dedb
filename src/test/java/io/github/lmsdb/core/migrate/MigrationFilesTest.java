package io.github.lmsdb.core.migrate;

import io.github.lmsdb.maven.MavenWords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.error.LmsdbException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MigrationFilesTest {
    private static final Instant NOW = Instant.parse("2023-11-14T15:00:00Z");
    private static final String RULE = "use letters, digits and underscores, starting with a letter, at most 100 characters.";

    @TempDir
    Path temp;

    /** The migrations directory; everything else under {@link #temp} must stay untouched. */
    private Path dir;

    @BeforeEach
    void setUp() {
        dir = temp.resolve("db").resolve("migration");
    }

    @Test
    void createWritesTheMigrationAndItsUndoScriptNamedByUtcSecond() throws Exception {
        Files.createDirectories(dir);

        MigrationFiles.Created created = MigrationFiles.create(dir, "UpdateUserRoles", NOW);

        assertThat(created.version()).isEqualTo("20231114150000");
        assertThat(created.migration()).isEqualTo(dir.resolve("V20231114150000__UpdateUserRoles.sql"));
        assertThat(created.undo()).isEqualTo(dir.resolve("U20231114150000__UpdateUserRoles.sql"));
        assertThat(fileNames(dir)).containsExactly("U20231114150000__UpdateUserRoles.sql", "V20231114150000__UpdateUserRoles.sql");
        assertThat(Files.readString(created.undo())).contains("V20231114150000__UpdateUserRoles.sql");
        assertThat(Files.readString(created.migration())).startsWith("-- Migration 20231114150000 UpdateUserRoles\n");
    }

    @Test
    void createMakesTheDirectoryWhenItIsMissing() throws Exception {
        assertThat(dir).doesNotExist();

        MigrationFiles.create(dir, "AddUserAvatar", NOW);

        assertThat(fileNames(dir)).containsExactly("U20231114150000__AddUserAvatar.sql", "V20231114150000__AddUserAvatar.sql");
    }

    @Test
    void secondCreateInTheSameSecondIsRefusedNamingTheExistingFile() throws Exception {
        MigrationFiles.Created first = MigrationFiles.create(dir, "UpdateUserRoles", NOW);
        String migration = Files.readString(first.migration());
        String undo = Files.readString(first.undo());

        for (String name : List.of("UpdateUserRoles", "SomethingElse")) {
            assertThatThrownBy(() -> MigrationFiles.create(dir, name, NOW))
                    .isInstanceOf(LmsdbException.class)
                    .extracting(Throwable::getMessage)
                    .isIn("Version 20231114150000 is already used by V20231114150000__UpdateUserRoles.sql.",
                            "Version 20231114150000 is already used by U20231114150000__UpdateUserRoles.sql.");
        }

        assertThat(fileNames(dir)).containsExactly("U20231114150000__UpdateUserRoles.sql", "V20231114150000__UpdateUserRoles.sql");
        assertThat(Files.readString(first.migration())).isEqualTo(migration);
        assertThat(Files.readString(first.undo())).isEqualTo(undo);
    }

    @Test
    void createOneSecondLaterIsAccepted() throws Exception {
        MigrationFiles.create(dir, "First", NOW);

        MigrationFiles.Created second = MigrationFiles.create(dir, "Second", NOW.plusSeconds(1));

        assertThat(second.version()).isEqualTo("20231114150001");
        assertThat(fileNames(dir)).containsExactly("U20231114150000__First.sql", "U20231114150001__Second.sql",
                "V20231114150000__First.sql", "V20231114150001__Second.sql");
    }

    static Stream<String> invalidNames() {
        return Stream.of(null, "", "Add User", "a.b", "../evil", "..", "x/y", "x\\y", "1Start", "_x", "Add-User", "Name\n", "Ädd",
                "A".repeat(101));
    }

    @ParameterizedTest
    @MethodSource("invalidNames")
    void invalidNameIsRefusedWithTheRuleAndNothingIsWritten(String name) throws Exception {
        List<String> before = tree(temp);

        assertThatThrownBy(() -> MigrationFiles.create(dir, name, NOW))
                .isInstanceOf(LmsdbException.class)
                .hasMessage("Invalid migration name '" + (name == null ? "" : name) + "': " + RULE)
                .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint())).isEqualTo("  For example: mvn lmsdb:create -Dlmsdb.name=AddUserAvatar"));

        assertThat(tree(temp)).isEqualTo(before).isEmpty();
    }

    @Test
    void nameOfExactlyOneHundredCharactersIsAccepted() throws Exception {
        String name = "A" + "b1_".repeat(33);
        assertThat(name).hasSize(100);

        MigrationFiles.Created created = MigrationFiles.create(dir, name, NOW);

        assertThat(created.migration().getFileName().toString()).isEqualTo("V20231114150000__" + name + ".sql");
        assertThat(fileNames(dir)).containsExactly("U20231114150000__" + name + ".sql", "V20231114150000__" + name + ".sql");
    }

    @Test
    void nothingIsEverWrittenOutsideTheMigrationsDirectory() throws Exception {
        Path sibling = Files.createDirectories(temp.resolve("db").resolve("seed"));
        Files.writeString(sibling.resolve("users.sql"), "insert into users values (1);\n");
        List<String> before = tree(temp);

        MigrationFiles.create(dir, "CreateUsers", NOW);
        MigrationFiles.create(dir, "a", NOW.plusSeconds(1));
        for (String bad : Arrays.asList("../evil", "..", "x/y", null)) {
            assertThatThrownBy(() -> MigrationFiles.create(dir, bad, NOW.plusSeconds(2))).isInstanceOf(LmsdbException.class);
        }
        assertThatThrownBy(() -> MigrationFiles.create(dir, "CreateUsers", NOW)).isInstanceOf(LmsdbException.class);

        List<String> expected = new ArrayList<>(before);
        expected.addAll(List.of("db/migration", "db/migration/U20231114150000__CreateUsers.sql", "db/migration/U20231114150001__a.sql",
                "db/migration/V20231114150000__CreateUsers.sql", "db/migration/V20231114150001__a.sql"));
        assertThat(tree(temp)).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static List<String> fileNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** Every file and directory below {@code root}, as sorted relative paths with forward slashes. */
    private static List<String> tree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }
}
