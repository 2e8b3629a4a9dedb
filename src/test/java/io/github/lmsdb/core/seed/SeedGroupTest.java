package io.github.lmsdb.core.seed;

import io.github.lmsdb.maven.MavenWords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.error.LmsdbException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which folders are seed groups, in which order, with which files: pure file logic, no database. */
class SeedGroupTest {
    @TempDir
    Path seeds;

    @Test
    void groupsAreTheNumberedFoldersOrderedByNumberNotByName() throws Exception {
        Files.createDirectories(seeds.resolve("10_courses"));
        Files.createDirectories(seeds.resolve("2_users"));
        Files.createDirectories(seeds.resolve("03_lessons"));
        Files.createDirectories(seeds.resolve("notes"));
        Files.createDirectories(seeds.resolve("_draft"));
        Files.createDirectories(seeds.resolve("v1_old"));
        Files.createDirectories(seeds.resolve("4_"));
        Files.writeString(seeds.resolve("5_file.sql"), "select 1;\n");
        Files.writeString(seeds.resolve("credentials.txt"), "Admin: a@example.com / pw\n");

        List<SeedGroup> groups = SeedGroup.discover(seeds);

        assertThat(groups).extracting(SeedGroup::name).containsExactly("users", "lessons", "courses");
        assertThat(groups).extracting(SeedGroup::order).containsExactly(2L, 3L, 10L);
        assertThat(groups).extracting(SeedGroup::directory)
                .containsExactly(seeds.resolve("2_users"), seeds.resolve("03_lessons"), seeds.resolve("10_courses"));
    }

    @Test
    void groupsWithTheSameNumberAreOrderedByName() throws Exception {
        Files.createDirectories(seeds.resolve("1_zeta"));
        Files.createDirectories(seeds.resolve("1_alpha"));
        Files.createDirectories(seeds.resolve("0_first"));

        assertThat(SeedGroup.discover(seeds)).extracting(SeedGroup::name).containsExactly("first", "alpha", "zeta");
    }

    @Test
    void groupFilesAreSqlAndCsvInNameOrderWithoutTheSummary() throws Exception {
        Path group = Files.createDirectories(seeds.resolve("01_users"));
        Files.writeString(group.resolve("b_roles.sql"), "select 1;\n");
        Files.writeString(group.resolve("users.csv"), "id\n1\n");
        Files.writeString(group.resolve("a_users.sql"), "select 1;\n");
        Files.writeString(group.resolve("10_more.sql"), "select 1;\n");
        Files.writeString(group.resolve("summary.sql"), "select 'x';\n");
        Files.writeString(group.resolve("README.md"), "notes\n");
        Files.writeString(group.resolve("data.json"), "{}\n");
        Files.writeString(group.resolve("users.csv.bak"), "id\n");
        Files.createDirectories(group.resolve("nested.sql"));

        SeedGroup users = SeedGroup.discover(seeds).get(0);

        assertThat(users.files()).extracting(f -> f.getFileName().toString())
                .containsExactly("10_more.sql", "a_users.sql", "b_roles.sql", "users.csv");
        assertThat(users.files()).allSatisfy(f -> assertThat(f.getParent()).isEqualTo(group));
        assertThat(users.summary()).isEqualTo(group.resolve("summary.sql"));
    }

    @Test
    void aGroupWithoutSummaryHasNoneAndAnEmptyGroupHasNoFiles() throws Exception {
        Files.createDirectories(seeds.resolve("1_empty"));
        Files.writeString(Files.createDirectories(seeds.resolve("2_courses")).resolve("courses.sql"), "select 1;\n");

        List<SeedGroup> groups = SeedGroup.discover(seeds);

        assertThat(groups.get(0).files()).isEmpty();
        assertThat(groups.get(0).summary()).isNull();
        assertThat(groups.get(1).files()).extracting(f -> f.getFileName().toString()).containsExactly("courses.sql");
        assertThat(groups.get(1).summary()).isNull();
    }

    @Test
    void timestampNumberedFoldersLikeMigrationVersionsAreOrderedByNumber() throws Exception {
        // Migrations are numbered with timestamps; a team naming seed folders the same way must not crash discovery.
        Files.createDirectories(seeds.resolve("20231102090000_courses"));
        Files.createDirectories(seeds.resolve("20231101090000_users"));

        assertThat(SeedGroup.discover(seeds)).extracting(SeedGroup::name).containsExactly("users", "courses");
    }

    @Test
    void emptySeedsDirectoryHasNoGroups() throws Exception {
        assertThat(SeedGroup.discover(seeds)).isEmpty();
    }

    @Test
    void missingSeedsDirectoryIsRefusedNamingItAndTheProperty() {
        Path missing = seeds.resolve("db").resolve("seed");

        assertThatThrownBy(() -> SeedGroup.discover(missing))
                .isInstanceOf(LmsdbException.class)
                .hasMessage("Seeds directory not found: " + missing + ".")
                .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint()))
                        .contains("-Dlmsdb.seedsDirectory")
                        .contains("01_users/"));
    }

    @Test
    void aFileInPlaceOfTheSeedsDirectoryIsRefused() throws Exception {
        Path file = Files.writeString(seeds.resolve("seed"), "not a directory\n");

        assertThatThrownBy(() -> SeedGroup.discover(file))
                .isInstanceOf(LmsdbException.class)
                .hasMessage("Seeds directory not found: " + file + ".");
    }

    @Test
    void selectingUnknownGroupsIsRefusedListingEveryGroup() throws Exception {
        List<SeedGroup> groups = usersAndCourses();

        assertThatThrownBy(() -> SeedGroup.select(groups, List.of("nope")))
                .isInstanceOf(LmsdbException.class)
                .hasMessage("Unknown seed group(s): nope. Groups: users, courses.")
                .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint())).isEqualTo("  For example: -Dlmsdb.only=users"));
        assertThatThrownBy(() -> SeedGroup.select(groups, List.of("users", "nope", "01_courses")))
                .isInstanceOf(LmsdbException.class)
                .hasMessage("Unknown seed group(s): nope, 01_courses. Groups: users, courses.");
    }

    @Test
    void selectingKnownGroupsKeepsSeedingOrder() throws Exception {
        List<SeedGroup> groups = usersAndCourses();

        assertThat(SeedGroup.select(groups, List.of("courses", "users"))).extracting(SeedGroup::name).containsExactly("users", "courses");
        assertThat(SeedGroup.select(groups, List.of(" courses "))).extracting(SeedGroup::name).containsExactly("courses");
        assertThat(SeedGroup.select(groups, List.of("courses", "courses"))).extracting(SeedGroup::name).containsExactly("courses");
    }

    @Test
    void selectingNothingKeepsEveryGroup() throws Exception {
        List<SeedGroup> groups = usersAndCourses();

        assertThat(SeedGroup.select(groups, List.of())).isEqualTo(groups);
        assertThat(SeedGroup.select(groups, null)).isEqualTo(groups);
    }

    private List<SeedGroup> usersAndCourses() throws IOException, LmsdbException {
        Files.createDirectories(seeds.resolve("01_users"));
        Files.createDirectories(seeds.resolve("02_courses"));
        return SeedGroup.discover(seeds);
    }
}
