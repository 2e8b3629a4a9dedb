package io.github.lmsdb.core.migrate;

import io.github.lmsdb.core.catalog.Scope;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.db.DatabaseGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationServiceTest {
    @TempDir
    Path temp;

    private Path dir;

    @BeforeEach
    void writeMigrations() throws Exception {
        dir = temp.resolve("migration");
        Files.createDirectories(dir);
        for (String table : List.of("A", "B", "C")) {
            int version = table.charAt(0) - 'A' + 1;
            Files.writeString(dir.resolve("V" + version + "__Create" + table + ".sql"), "create table " + table.toLowerCase() + " (id int);\n");
            Files.writeString(dir.resolve("U" + version + "__Create" + table + ".sql"), "drop table " + table.toLowerCase() + ";\n");
        }
    }

    @Test
    void statusOnAnEmptyDatabaseListsEveryFileAsPendingAndIgnoresUndoScripts() throws Exception {
        ConnectionSettings settings = TestServer.newDatabase("mig_empty");

        MigrationStatus status = status(settings, dir);

        assertThat(status.total()).isEqualTo(3);
        assertThat(status.applied()).isEmpty();
        assertThat(status.pending()).extracting(MigrationEntry::version).containsExactly("1", "2", "3");
        assertThat(status.pending()).extracting(MigrationEntry::description).containsExactly("CreateA", "CreateB", "CreateC");
        assertThat(status.pending()).extracting(MigrationEntry::script)
                .containsExactly("V1__CreateA.sql", "V2__CreateB.sql", "V3__CreateC.sql");
        assertThat(status.pending()).extracting(MigrationEntry::installedOn).containsOnlyNulls();
        assertThat(status.entries()).hasSize(3);
        assertThat(status.entries()).extracting(MigrationEntry::script).noneMatch(s -> s.startsWith("U"));
        assertThat(status.missing()).isEmpty();
        assertThat(status.failed()).isEmpty();
        assertThat(status.ignored()).isEmpty();
        assertThat(status.last()).isEmpty();
    }

    @Test
    void statusChangesNothingInTheDatabase() throws Exception {
        ConnectionSettings settings = TestServer.newDatabase("mig_readonly");

        status(settings, dir);

        try (DatabaseGateway gateway = DatabaseGateway.connect(settings)) {
            assertThat(Scope.of(List.of("public")).applicationTables(gateway.connection())).isEmpty();
            assertThat(tableExists(gateway, "flyway_schema_history")).isFalse();
        }
    }

    @Test
    void statusAfterApplyingTwoShowsTwoAppliedAndOnePending() throws Exception {
        ConnectionSettings settings = TestServer.newDatabase("mig_two");
        flyway(settings, "2").migrate();

        MigrationStatus status = status(settings, dir);

        assertThat(status.total()).isEqualTo(3);
        assertThat(status.applied()).extracting(MigrationEntry::version).containsExactly("1", "2");
        assertThat(status.applied()).extracting(MigrationEntry::installedOn).doesNotContainNull();
        assertThat(status.pending()).extracting(MigrationEntry::label).containsExactly("3 CreateC");
        assertThat(status.last()).get().satisfies(last -> {
            assertThat(last.version()).isEqualTo("2");
            assertThat(last.description()).isEqualTo("CreateB");
            assertThat(last.state()).isEqualTo(MigrationEntry.State.APPLIED);
            assertThat(last.script()).isEqualTo("V2__CreateB.sql");
        });
    }

    @Test
    void appliedMigrationWhoseFileIsGoneIsMissing() throws Exception {
        ConnectionSettings settings = TestServer.newDatabase("mig_missing");
        flyway(settings, "2").migrate();
        Files.delete(dir.resolve("V2__CreateB.sql"));

        MigrationStatus status = status(settings, dir);

        assertThat(status.entries()).extracting(MigrationEntry::version).containsExactly("1", "2", "3");
        MigrationEntry two = status.entries().get(1);
        assertThat(two.state()).isEqualTo(MigrationEntry.State.MISSING);
        assertThat(two.script()).isNull();
        assertThat(two.description()).isEqualTo("CreateB");
        assertThat(two.installedOn()).isNotNull();
        assertThat(status.missing()).containsExactly(two);
        assertThat(status.total()).isEqualTo(2);
        assertThat(status.applied()).extracting(MigrationEntry::version).containsExactly("1");
        assertThat(status.pending()).extracting(MigrationEntry::version).containsExactly("3");
        assertThat(status.last()).contains(two);
    }

    @Test
    void newestAppliedMigrationWhoseFileIsGoneIsMissing() throws Exception {
        ConnectionSettings settings = TestServer.newDatabase("mig_future");
        flyway(settings, null).migrate();
        Files.delete(dir.resolve("V3__CreateC.sql"));

        MigrationStatus status = status(settings, dir);

        assertThat(status.missing()).extracting(MigrationEntry::label).containsExactly("3 CreateC");
        assertThat(status.missing().get(0).script()).isNull();
        assertThat(status.total()).isEqualTo(2);
        assertThat(status.applied()).extracting(MigrationEntry::version).containsExactly("1", "2");
        assertThat(status.last()).get().extracting(MigrationEntry::label).isEqualTo("3 CreateC");
    }

    @Test
    void missingMigrationsDirectoryStillGivesAStatus() throws Exception {
        ConnectionSettings settings = TestServer.newDatabase("mig_nodir");
        Path absent = temp.resolve("no-such-directory");

        try (DatabaseGateway gateway = DatabaseGateway.connect(settings)) {
            MigrationService service = new MigrationService(gateway, List.of("public"), absent);
            MigrationStatus status = service.status();

            assertThat(service.migrationsDirectoryExists()).isFalse();
            assertThat(service.migrationsDirectory()).isEqualTo(absent);
            assertThat(status.total()).isZero();
            assertThat(status.entries()).isEmpty();
            assertThat(status.last()).isEmpty();
        }
    }

    @Test
    void existingMigrationsDirectoryIsReportedAsExisting() throws Exception {
        ConnectionSettings settings = TestServer.newDatabase("mig_dir");

        try (DatabaseGateway gateway = DatabaseGateway.connect(settings)) {
            assertThat(new MigrationService(gateway, List.of("public"), dir).migrationsDirectoryExists()).isTrue();
        }
    }

    @Test
    void migrationRecordedAsFailedIsFailed() throws Exception {
        ConnectionSettings settings = TestServer.newDatabase("mig_failed");
        flyway(settings, null).migrate();
        Files.writeString(dir.resolve("V4__CreateD.sql"), "create table d (id int);\n");
        try (DatabaseGateway gateway = DatabaseGateway.connect(settings);
                Statement st = gateway.connection().createStatement()) {
            st.executeUpdate("insert into flyway_schema_history (installed_rank, version, description, type, script, checksum, "
                    + "installed_by, execution_time, success) "
                    + "values (4, '4', 'CreateD', 'SQL', 'V4__CreateD.sql', null, 'postgres', 0, false)");
        }

        MigrationStatus status = status(settings, dir);

        assertThat(status.entries()).extracting(MigrationEntry::version).containsExactly("1", "2", "3", "4");
        MigrationEntry four = status.entries().get(3);
        assertThat(four.state()).isEqualTo(MigrationEntry.State.FAILED);
        assertThat(four.description()).isEqualTo("CreateD");
        assertThat(four.script()).isEqualTo("V4__CreateD.sql");
        assertThat(status.failed()).containsExactly(four);
        assertThat(status.pending()).isEmpty();
        assertThat(status.applied()).extracting(MigrationEntry::version).containsExactly("1", "2", "3");
        assertThat(status.last()).get().extracting(MigrationEntry::version).isEqualTo("3");
    }

    @Test
    void unappliedFileOlderThanTheNewestAppliedIsIgnoredNotPending() throws Exception {
        ConnectionSettings settings = TestServer.newDatabase("mig_ignored");
        Files.delete(dir.resolve("V2__CreateB.sql"));
        flyway(settings, null).migrate();
        Files.writeString(dir.resolve("V2__CreateB.sql"), "create table b (id int);\n");

        MigrationStatus status = status(settings, dir);

        assertThat(status.ignored()).extracting(MigrationEntry::label).containsExactly("2 CreateB");
        assertThat(status.ignored().get(0).script()).isEqualTo("V2__CreateB.sql");
        assertThat(status.pending()).isEmpty();
        assertThat(status.applied()).extracting(MigrationEntry::version).containsExactly("1", "3");
        assertThat(status.total()).isEqualTo(3);
        assertThat(status.last()).get().extracting(MigrationEntry::version).isEqualTo("3");
    }

    private static MigrationStatus status(ConnectionSettings settings, Path migrations) throws Exception {
        try (DatabaseGateway gateway = DatabaseGateway.connect(settings)) {
            return new MigrationService(gateway, List.of("public"), migrations).status();
        }
    }

    private Flyway flyway(ConnectionSettings settings, String target) {
        var config = Flyway.configure().dataSource(DatabaseGateway.dataSource(settings)).locations("filesystem:" + dir);
        if (target != null) {
            config.target(target);
        }
        return config.load();
    }

    private static boolean tableExists(DatabaseGateway gateway, String name) throws Exception {
        try (Statement st = gateway.connection().createStatement();
                ResultSet rs = st.executeQuery("select to_regclass('public." + name + "') is not null")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
