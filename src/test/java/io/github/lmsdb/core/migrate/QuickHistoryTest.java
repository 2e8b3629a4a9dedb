package io.github.lmsdb.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.db.DatabaseGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick answers (one history query and a directory listing) either agree with Flyway's status
 * or decline to answer; they never say "nothing pending" when Flyway would list a pending one.
 */
class QuickHistoryTest {
    @TempDir
    Path dir;

    @Test
    void versionsCompareAsFlywayDoesPartByPartAsNumbers() {
        assertThat(QuickHistory.compareVersions("1.10", "1.9")).isPositive();
        assertThat(QuickHistory.compareVersions("2", "10")).isNegative();
        assertThat(QuickHistory.compareVersions("1.0", "1")).isZero();
        assertThat(QuickHistory.compareVersions("20231114140000", "20231114135959")).isPositive();
    }

    @Test
    void noHistoryTableIsAnEmptyHistoryAndAFileToApplyIsLeftToFlyway() throws Exception {
        ConnectionSettings settings = TestServer.newDatabase("quick_none");
        write("V1__A.sql", "create table a (id int);");
        try (DatabaseGateway gateway = DatabaseGateway.connect(settings)) {
            QuickHistory history = QuickHistory.read(gateway, "public").orElseThrow();
            assertThat(history.latestVersion()).contains(Optional.empty());
            assertThat(history.nothingPending(dir)).isEmpty();
            assertAgreesWithFlyway(gateway);
            assertThat(service(gateway).pending()).extracting(MigrationEntry::version).containsExactly("1");
        }
    }

    @Test
    void everyFileAppliedIsAnsweredWithoutFlywayAndAgrees() throws Exception {
        ConnectionSettings settings = TestServer.newDatabase("quick_all");
        write("V1_9__A.sql", "create table a (id int);");
        write("V1_10__B.sql", "create table b (id int);");
        write("sub/V2__C.sql", "create table c (id int);");
        write("U2__C.sql", "drop table c;");
        flyway(settings).migrate();
        try (DatabaseGateway gateway = DatabaseGateway.connect(settings)) {
            QuickHistory history = QuickHistory.read(gateway, "public").orElseThrow();
            assertThat(history.nothingPending(dir)).contains(true);
            assertThat(history.latestVersion()).contains(Optional.of("2"));
            assertAgreesWithFlyway(gateway);
        }
    }

    @Test
    void aFileTheHistoryLacksDeclinesWhereverItsVersionFalls() throws Exception {
        ConnectionSettings settings = TestServer.newDatabase("quick_pending");
        write("V1__A.sql", "create table a (id int);");
        write("V3__C.sql", "create table c (id int);");
        flyway(settings).migrate();
        write("V2__B.sql", "create table b (id int);");
        write("V4__D.sql", "create table d (id int);");
        try (DatabaseGateway gateway = DatabaseGateway.connect(settings)) {
            QuickHistory history = QuickHistory.read(gateway, "public").orElseThrow();
            assertThat(history.nothingPending(dir)).isEmpty();
            assertThat(history.latestVersion()).contains(Optional.of("3"));
            assertAgreesWithFlyway(gateway);
            assertThat(service(gateway).pending()).extracting(MigrationEntry::version).containsExactly("4");
        }
    }

    @Test
    void aFailedRowOrARepeatableMigrationDeclines() throws Exception {
        ConnectionSettings settings = TestServer.newDatabase("quick_odd");
        write("V1__A.sql", "create table a (id int);");
        flyway(settings).migrate();
        write("R__View.sql", "create or replace view v as select 1 as x;");
        try (DatabaseGateway gateway = DatabaseGateway.connect(settings)) {
            assertThat(QuickHistory.read(gateway, "public").orElseThrow().nothingPending(dir)).isEmpty();
            Files.delete(dir.resolve("R__View.sql"));
            try (Statement st = gateway.connection().createStatement()) {
                st.execute("insert into flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by,"
                        + " execution_time, success) values (2, '2', 'B', 'SQL', 'V2__B.sql', 0, 'x', 1, false)");
            }
            QuickHistory history = QuickHistory.read(gateway, "public").orElseThrow();
            assertThat(history.nothingPending(dir)).isEmpty();
            assertThat(history.latestVersion()).isEmpty();
            assertAgreesWithFlyway(gateway);
        }
    }

    @Test
    void aBaselinedHistoryAnswersWithTheNewestVersion() throws Exception {
        ConnectionSettings settings = TestServer.newDatabase("quick_baseline");
        write("V5__E.sql", "create table e (id int);");
        Flyway baselined = Flyway.configure().dataSource(DatabaseGateway.dataSource(settings)).locations("filesystem:" + dir)
                .baselineVersion("4").load();
        baselined.baseline();
        baselined.migrate();
        try (DatabaseGateway gateway = DatabaseGateway.connect(settings)) {
            QuickHistory history = QuickHistory.read(gateway, "public").orElseThrow();
            assertThat(history.latestVersion()).contains(Optional.of("5"));
            assertThat(history.nothingPending(dir)).contains(true);
            assertAgreesWithFlyway(gateway);
        }
    }

    private void assertAgreesWithFlyway(DatabaseGateway gateway) throws Exception {
        MigrationService service = service(gateway);
        MigrationStatus flyway = service.status();
        assertThat(service.latestVersion()).isEqualTo(flyway.last().map(MigrationEntry::version));
        assertThat(service.pending()).isEqualTo(flyway.pending());
    }

    private MigrationService service(DatabaseGateway gateway) {
        return new MigrationService(gateway, List.of("public"), dir);
    }

    private Flyway flyway(ConnectionSettings settings) {
        return Flyway.configure().dataSource(DatabaseGateway.dataSource(settings)).locations("filesystem:" + dir).load();
    }

    private void write(String name, String sql) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql + "\n");
    }
}
