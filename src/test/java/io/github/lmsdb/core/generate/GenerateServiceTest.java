package io.github.lmsdb.core.generate;

import io.github.lmsdb.maven.MavenWords;
import io.github.lmsdb.core.schema.Change;
import io.github.lmsdb.core.schema.SchemaDiff;
import io.github.lmsdb.core.schema.ScratchDatabase;
import io.github.lmsdb.core.catalog.Catalog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.config.JdbcUrl;
import io.github.lmsdb.core.config.PasswordSource;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.migrate.MigrationListener;
import io.github.lmsdb.core.migrate.MigrationService;
import io.github.lmsdb.core.sql.ScriptExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lmsdb:generate's service on the real server: the LMS example, written migrations, and every refusal. */
class GenerateServiceTest {
    /** Tests run with the repository root as working directory. */
    private static final Path LMS_MIGRATIONS = Path.of("migrations-example/src/main/resources/db/migration");
    private static final Path LMS_SCHEMA = Path.of("migrations-example/src/main/resources/db/schema");
    private static final List<String> PUBLIC = List.of("public");
    private static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");

    @TempDir
    Path temp;

    @AfterEach
    void shadowDatabasesAreAlwaysDropped() throws Exception {
        ConnectionSettings server = new ConnectionSettings(new JdbcUrl("localhost", TestServer.server().port(), "postgres", ""),
                "postgres", null, PasswordSource.NONE, null, Duration.ofSeconds(10));
        assertThat(ScratchDatabase.shadowDatabases(server)).isEmpty();
    }

    @Test
    void lmsDeclaredSchemaMatchesItsMigrationsInTheDatabaseAndReplayed() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("gen_lms")) {
            migrate(db.gateway(), LMS_MIGRATIONS);
            GenerateService service = new GenerateService(db.gateway(), PUBLIC, LMS_MIGRATIONS, new SqlFilesSchema(LMS_SCHEMA));

            GenerateResult againstDatabase = service.generate("X", false, true, false, NOW);
            GenerateResult againstMigrations = service.generate("X", true, true, false, NOW);

            assertThat(againstDatabase.changes()).extracting(GenerateServiceTest::describe).isEmpty();
            assertThat(againstDatabase.written()).isNull();
            // The comment on set_updated_at() is compared now: nothing of the LMS schema is left out.
            assertThat(againstDatabase.notCompared()).extracting(n -> n.describe()).isEmpty();
            assertThat(againstDatabase.against()).isEqualTo("database " + db.gateway().settings().url().database());
            assertThat(againstMigrations.changes()).extracting(GenerateServiceTest::describe).isEmpty();
            assertThat(againstMigrations.written()).isNull();
            assertThat(againstMigrations.against()).isEqualTo("the migrations in " + LMS_MIGRATIONS + " (replayed in a shadow database)");
        }
    }

    @Test
    void addedColumnIsWrittenAsAMigrationAndAnUndoThatRestoresTheSchema() throws Exception {
        Path schema = copy(LMS_SCHEMA, temp.resolve("schema"));
        Path users = schema.resolve("users.sql");
        String declared = Files.readString(users);
        String withAvatar = declared.replace("    role text default 'student'::text not null\n);",
                "    role text default 'student'::text not null,\n    avatar_url varchar(500)\n);");
        assertThat(withAvatar).isNotEqualTo(declared);
        Files.writeString(users, withAvatar);
        Path migrations = copy(LMS_MIGRATIONS, temp.resolve("migration"));
        List<String> lmsFiles = names(migrations);
        try (ScratchDatabase db = ScratchDatabase.create("gen_avatar"); ScratchDatabase desired = ScratchDatabase.create("gen_avatar_desired")) {
            migrate(db.gateway(), migrations);
            Catalog original = Catalog.read(db.connection(), PUBLIC);

            GenerateResult result = new GenerateService(db.gateway(), PUBLIC, migrations, new SqlFilesSchema(schema))
                    .generate("AddAvatar", false, true, true, NOW);

            assertThat(result.descriptions()).containsExactly("New column: users.avatar_url (character varying(500))");
            assertThat(result.hazards()).isEmpty();
            Path up = migrations.resolve("V20240301120000__AddAvatar.sql");
            Path undo = migrations.resolve("U20240301120000__AddAvatar.sql");
            assertThat(result.written().version()).isEqualTo("20240301120000");
            assertThat(result.written().migration()).isEqualTo(up);
            assertThat(result.written().undo()).isEqualTo(undo);
            assertThat(names(migrations)).containsExactlyInAnyOrderElementsOf(
                    Stream.concat(lmsFiles.stream(), Stream.of(up.getFileName().toString(), undo.getFileName().toString())).toList());
            assertThat(Files.readString(up)).contains("""

                    -- New column: users.avatar_url (character varying(500))
                    alter table public.users add column avatar_url character varying(500);
                    """);
            assertThat(Files.readString(undo)).contains("""

                    -- Dropped column: users.avatar_url (character varying(500))
                    alter table public.users drop column avatar_url;
                    """);
            assertThat(original.tables().get("public.users").column("avatar_url")).isNull();

            new ScriptExecutor(db.connection(), PUBLIC).run(up);

            new SqlFilesSchema(schema).applyTo(desired.connection());
            Catalog migrated = Catalog.read(db.connection(), PUBLIC);
            assertThat(SchemaDiff.diff(migrated, Catalog.read(desired.connection(), PUBLIC), SchemaDiff.Counts.NONE)).isEmpty();
            assertThat(migrated.tables().get("public.users").column("avatar_url"))
                    .isEqualTo(new Catalog.Column("avatar_url", "character varying(500)", false, null, null, null, null));

            new ScriptExecutor(db.connection(), PUBLIC).run(undo);

            assertThat(Catalog.read(db.connection(), PUBLIC)).isEqualTo(original);
        }
    }

    @Test
    void invalidDeclaredSqlIsReportedWithItsFileAndLineAndNothingIsWritten() throws Exception {
        Path schema = Files.createDirectories(temp.resolve("schema"));
        Files.writeString(schema.resolve("teams.sql"), "create table teams (id bigint primary key);\n");
        Files.writeString(schema.resolve("users.sql"), "create table users (\n    id bigint primary kee\n);\n");
        Path migrations = Files.createDirectories(temp.resolve("migration"));
        Files.writeString(migrations.resolve("V1__CreateTeams.sql"), "create table teams (id bigint primary key);\n");
        try (ScratchDatabase db = ScratchDatabase.create("gen_invalid")) {
            migrate(db.gateway(), migrations);
            GenerateService service = new GenerateService(db.gateway(), PUBLIC, migrations, new SqlFilesSchema(schema));

            assertThatThrownBy(() -> service.generate("AddUsers", false, true, true, NOW))
                    .isInstanceOf(LmsdbException.class)
                    .hasMessageContaining("users.sql line 2")
                    .hasMessage("The declared schema is invalid: ERROR: syntax error at or near \"kee\" (SQL state 42601) at users.sql line 2 (in "
                            + schema + "). Nothing was written.")
                    .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint())).isEqualTo("  Fix users.sql line 2 and run lmsdb:generate again."));

            assertThat(names(migrations)).containsExactly("V1__CreateTeams.sql");
        }
    }

    @Test
    void aSchemaTheDeclaredSideAddsIsCreatedFirstAndTheMigrationIsProvenOnTheCurrentSchema() throws Exception {
        Path schema = Files.createDirectories(temp.resolve("schema"));
        Files.writeString(schema.resolve("reporting.sql"), """
                create schema reporting;
                create table reporting.totals (day date primary key, signups integer not null);
                """);
        Path migrations = Files.createDirectories(temp.resolve("migration"));
        try (ScratchDatabase db = ScratchDatabase.create("gen_schema")) {
            GenerateResult result = new GenerateService(db.gateway(), List.of("public", "reporting"), migrations, new SqlFilesSchema(schema))
                    .generate("AddReporting", false, true, true, NOW);

            assertThat(result.descriptions()).containsExactly("New schema: reporting", "New table: reporting.totals (2 columns)");
            String migration = Files.readString(result.written().migration());
            assertThat(migration.indexOf("create schema reporting;")).isNotNegative().isLessThan(migration.indexOf("create table reporting.totals"));
            assertThat(Files.readString(result.written().undo())).contains("drop schema reporting;");
        }
    }

    @Test
    void fileReferencingATableOfALaterFileIsAppliedAfterIt() throws Exception {
        Path schema = Files.createDirectories(temp.resolve("schema"));
        Files.writeString(schema.resolve("a_orders.sql"), """
                create table orders (
                    id bigint primary key,
                    customer_id bigint not null references customers (id)
                );
                """);
        Files.writeString(schema.resolve("b_customers.sql"), "create table customers (id bigint primary key, name text not null);\n");
        Path migrations = Files.createDirectories(temp.resolve("migration"));
        try (ScratchDatabase db = ScratchDatabase.create("gen_retry")) {
            GenerateResult result = new GenerateService(db.gateway(), PUBLIC, migrations, new SqlFilesSchema(schema))
                    .generate("CreateShop", false, true, true, NOW);

            assertThat(result.descriptions()).containsExactly("New table: customers (2 columns)", "New table: orders (2 columns)");
            assertThat(result.written().migration()).isEqualTo(migrations.resolve("V20240301120000__CreateShop.sql"));
            assertThat(Files.readString(result.written().migration()))
                    .contains("alter table public.orders add constraint orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers(id);\n");
        }
    }

    @Test
    void hazardsAreRefusedWhenNotAllowedAndNothingIsWritten() throws Exception {
        Path migrations = Files.createDirectories(temp.resolve("migration"));
        Files.writeString(migrations.resolve("V1__CreateUsers.sql"), "create table users (id bigint primary key, email text not null, phone text);\n");
        Path schema = Files.createDirectories(temp.resolve("schema"));
        Files.writeString(schema.resolve("users.sql"), "create table users (id bigint primary key, email text not null);\n");
        try (ScratchDatabase db = ScratchDatabase.create("gen_hazard")) {
            migrate(db.gateway(), migrations);
            execute(db.gateway(), "insert into users values (1, 'ann@example.com', '555-0100'), (2, 'bob@example.com', '555-0101'), "
                    + "(3, 'cy@example.com', null)");
            GenerateService service = new GenerateService(db.gateway(), PUBLIC, migrations, new SqlFilesSchema(schema));

            assertThatThrownBy(() -> service.generate("DropPhone", false, false, true, NOW))
                    .isInstanceOf(LmsdbException.class)
                    .hasMessageContaining("HAZARD (data loss)")
                    .hasMessage("The changes have 1 hazard(s), and allowHazards is false. Nothing was written.\n"
                            + "  - HAZARD (data loss): users.phone has 2 non-null values");

            assertThat(names(migrations)).containsExactly("V1__CreateUsers.sql");
            assertThat(count(db.gateway(), "select count(phone) from users")).isEqualTo(2);
        }
    }

    @Test
    void aHazardCountDeniedByPermissionsRefusesInsteadOfPassingWithoutTheHazard() throws Exception {
        Path migrations = Files.createDirectories(temp.resolve("migration"));
        Files.writeString(migrations.resolve("V1__CreateUsers.sql"), "create table users (id bigint primary key, email text not null, phone text);\n");
        Path schema = Files.createDirectories(temp.resolve("schema"));
        Files.writeString(schema.resolve("users.sql"), "create table users (id bigint primary key, email text not null);\n");
        try (ScratchDatabase db = ScratchDatabase.create("gen_denied")) {
            migrate(db.gateway(), migrations);
            execute(db.gateway(), "insert into users values (1, 'ann@example.com', '555-0100'), (2, 'bob@example.com', '555-0101')");
            // A user that may read the catalog and the history, and create shadow databases, but not read users.
            String role = "gen_no_select_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
            execute(db.gateway(), "create role " + role + " login createdb; grant select on flyway_schema_history to " + role);
            ConnectionSettings asRole = new ConnectionSettings(db.gateway().settings().url(), role, null, PasswordSource.NONE, null,
                    Duration.ofSeconds(10));
            try (DatabaseGateway restricted = DatabaseGateway.connect(asRole)) {
                GenerateService service = new GenerateService(restricted, PUBLIC, migrations, new SqlFilesSchema(schema));

                assertThatThrownBy(() -> service.generate("DropPhone", false, false, true, NOW))
                        .isInstanceOf(LmsdbException.class)
                        .hasMessageStartingWith("Could not count the values of column phone of table public.users: ")
                        .hasMessageContaining("permission denied for table users")
                        .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint()))
                                .contains("GRANT SELECT ON \"public\".\"users\" TO \"" + role + "\""));
            } finally {
                execute(db.gateway(), "drop owned by " + role + "; drop role " + role);
            }
            assertThat(names(migrations)).containsExactly("V1__CreateUsers.sql");
            assertThat(count(db.gateway(), "select count(phone) from users")).isEqualTo(2);
        }
    }

    @Test
    void pendingMigrationsAreRefusedAgainstTheDatabaseButNotAgainstTheMigrations() throws Exception {
        Path migrations = Files.createDirectories(temp.resolve("migration"));
        Files.writeString(migrations.resolve("V1__CreateUsers.sql"), "create table users (id bigint primary key, email text not null);\n");
        Path schema = Files.createDirectories(temp.resolve("schema"));
        Files.writeString(schema.resolve("users.sql"), "create table users (id bigint primary key, email text not null, phone text);\n");
        try (ScratchDatabase db = ScratchDatabase.create("gen_pending")) {
            migrate(db.gateway(), migrations);
            Files.writeString(migrations.resolve("V2__AddPhone.sql"), "alter table users add column phone text;\n");
            GenerateService service = new GenerateService(db.gateway(), PUBLIC, migrations, new SqlFilesSchema(schema));

            assertThatThrownBy(() -> service.generate("AddPhone", false, true, true, NOW))
                    .isInstanceOf(LmsdbException.class)
                    .hasMessage("The database has 1 pending migration(s) (2 AddPhone), so it is not what the migrations build. Nothing was written.")
                    .satisfies(e -> assertThat(MavenWords.render(((LmsdbException) e).hint()))
                            .isEqualTo("  Apply them first (mvn lmsdb:migrate), or compare with the migrations instead: -Dlmsdb.against=migrations"));
            assertThat(names(migrations)).containsExactly("V1__CreateUsers.sql", "V2__AddPhone.sql");

            GenerateResult againstMigrations = service.generate("AddPhone", true, true, true, NOW);

            assertThat(againstMigrations.changes()).extracting(GenerateServiceTest::describe).isEmpty();
            assertThat(againstMigrations.written()).isNull();
            assertThat(names(migrations)).containsExactly("V1__CreateUsers.sql", "V2__AddPhone.sql");
        }
    }

    /**
     * The migration is proven on the declared shadow after the undo script only when the model sees all it holds. Here the
     * declared schema has a text search configuration (a kind the model does not read, so the undo cannot drop it) that
     * the new index needs: on the declared shadow the migration would pass, on the database it fails. The self-check
     * builds the current schema from its catalog instead, and the migration fails there: nothing is written.
     */
    @Test
    void aMigrationNeedingAnObjectTheModelDoesNotReadFailsTheSelfCheckAsItWouldFailOnTheDatabase() throws Exception {
        Path migrations = Files.createDirectories(temp.resolve("migration"));
        Files.writeString(migrations.resolve("V1__CreateDocs.sql"), "create table docs (id bigint primary key, body text not null);\n");
        Path schema = Files.createDirectories(temp.resolve("schema"));
        Files.writeString(schema.resolve("docs.sql"), """
                create text search configuration docs_search (copy = simple);
                create table docs (id bigint primary key, body text not null);
                create index docs_body_search on docs using gin (to_tsvector('docs_search'::regconfig, body));
                """);
        try (ScratchDatabase db = ScratchDatabase.create("gen_unread")) {
            migrate(db.gateway(), migrations);
            GenerateService service = new GenerateService(db.gateway(), PUBLIC, migrations, new SqlFilesSchema(schema));

            assertThatThrownBy(() -> service.generate("AddSearch", false, true, true, NOW))
                    .isInstanceOf(LmsdbException.class)
                    .hasMessageStartingWith("The generated migration failed its self-check, so nothing was written. "
                            + "Applying the generated migration to a shadow database, in one transaction as lmsdb:migrate runs it, failed at: CREATE INDEX docs_body_search")
                    .hasMessageContaining("text search configuration \"docs_search\" does not exist");
            assertThat(names(migrations)).containsExactly("V1__CreateDocs.sql");
        }
    }

    /** The same with a function outside the managed schemas, which the model does not read either: a column default calls it. */
    @Test
    void aMigrationNeedingAFunctionOutsideTheManagedSchemasFailsTheSelfCheck() throws Exception {
        Path migrations = Files.createDirectories(temp.resolve("migration"));
        Files.writeString(migrations.resolve("V1__CreateCodes.sql"), "create table codes (id bigint primary key);\n");
        Path schema = Files.createDirectories(temp.resolve("schema"));
        Files.writeString(schema.resolve("codes.sql"), """
                create schema util;
                create function util.new_code() returns text language sql as $$ select md5(random()::text) $$;
                create table codes (id bigint primary key, code text not null default util.new_code());
                """);
        try (ScratchDatabase db = ScratchDatabase.create("gen_outside")) {
            migrate(db.gateway(), migrations);
            GenerateService service = new GenerateService(db.gateway(), PUBLIC, migrations, new SqlFilesSchema(schema));

            assertThatThrownBy(() -> service.generate("AddCode", false, true, true, NOW))
                    .isInstanceOf(LmsdbException.class)
                    .hasMessageStartingWith("The generated migration failed its self-check, so nothing was written. "
                            + "Applying the generated migration to a shadow database, in one transaction as lmsdb:migrate runs it, failed at: alter table public.codes add column code")
                    .hasMessageContaining("schema \"util\" does not exist");
            assertThat(names(migrations)).containsExactly("V1__CreateCodes.sql");
        }
    }

    /**
     * A new enum value used by a default in the same migration: PostgreSQL refuses that in one transaction ("unsafe use of
     * new value"), and lmsdb:migrate runs a migration in one. The migration must work there, and the self-check must
     * prove it there (it once retried in autocommit, where it passes).
     */
    @Test
    void aNewEnumValueUsedInTheSameMigrationAppliesInOneTransaction() throws Exception {
        Path migrations = Files.createDirectories(temp.resolve("migration"));
        Files.writeString(migrations.resolve("V1__CreateTickets.sql"), """
                create type ticket_state as enum ('open', 'closed');
                create table tickets (id bigint primary key, state ticket_state not null default 'open');
                insert into tickets values (1, 'open'), (2, 'closed');
                """);
        Path schema = Files.createDirectories(temp.resolve("schema"));
        Files.writeString(schema.resolve("tickets.sql"), """
                create type ticket_state as enum ('new', 'open', 'closed');
                create table tickets (id bigint primary key, state ticket_state not null default 'new',
                    constraint tickets_state_check check (state <> 'new' or id > 0));
                """);
        try (ScratchDatabase db = ScratchDatabase.create("gen_enum_use")) {
            migrate(db.gateway(), migrations);
            GenerateResult result = new GenerateService(db.gateway(), PUBLIC, migrations, new SqlFilesSchema(schema))
                    .generate("AddNewState", false, true, true, NOW);

            migrate(db.gateway(), migrations);
            assertThat(count(db.gateway(), "select count(*) from flyway_schema_history where success and description = 'AddNewState'"))
                    .isEqualTo(1);
            assertThat(count(db.gateway(), "select count(*) from tickets where state = 'open'")).isEqualTo(1);
            try (ScratchDatabase fresh = ScratchDatabase.create("gen_enum_use_fresh")) {
                migrate(fresh.gateway(), migrations);
                GenerateResult again = new GenerateService(db.gateway(), PUBLIC, migrations, new SqlFilesSchema(schema))
                        .generate("Nothing", false, true, false, NOW);
                assertThat(again.changes()).isEmpty();
            }
            assertThat(Files.readString(result.written().migration())).contains("ticket_state");
        }
    }

    /**
     * A new column whose default calls a new function that reads it: PostgreSQL can only create the column, then the
     * function, then the default, so the rows already there would get no value. Refused by name, nothing written.
     */
    @Test
    void aNewColumnWhoseDefaultCallsANewFunctionReadingItIsRefusedOnATableWithRows() throws Exception {
        Path migrations = Files.createDirectories(temp.resolve("migration"));
        Files.writeString(migrations.resolve("V1__CreateTickets.sql"), "create table tickets (id bigint primary key);\n"
                + "insert into tickets values (1), (2);\n");
        Path schema = Files.createDirectories(temp.resolve("schema"));
        Files.writeString(schema.resolve("tickets.sql"), """
                create table tickets (id bigint primary key, number integer not null default 0);
                create function next_ticket_number() returns integer language sql
                    begin atomic select coalesce(max(number), 0) + 1 from tickets; end;
                alter table tickets alter column number set default next_ticket_number();
                """);
        try (ScratchDatabase db = ScratchDatabase.create("gen_cycle_rows")) {
            migrate(db.gateway(), migrations);
            GenerateService service = new GenerateService(db.gateway(), PUBLIC, migrations, new SqlFilesSchema(schema));

            assertThatThrownBy(() -> service.generate("AddNumber", false, true, true, NOW))
                    .isInstanceOf(LmsdbException.class)
                    .hasMessage("The declared schema needs a change lmsdb cannot generate safely: cannot add tickets.number with a default "
                            + "calling public.next_ticket_number(), a new function whose body reads tickets, while tickets has 2 rows "
                            + "(the function can only be created after the column, so the rows would get no value): add the column, "
                            + "create the function, fill the rows and set the default in that order. Nothing was written.");
            assertThat(names(migrations)).containsExactly("V1__CreateTickets.sql");
        }
    }

    @Test
    void aShadowHoldsOnlyWhatIsComparedUntilSomethingIsOutsideTheManagedSchemas() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("gen_outside_only")) {
            java.sql.Connection c = db.gateway().connection();
            List<String> app = List.of("app");
            execute(db.gateway(), "create schema app; create table app.t (id int); create function app.f() returns int language sql as 'select 1'");
            assertThat(GenerateService.holdsOnlyWhatIsCompared(c, app)).as("only the managed schema, and public, empty").isTrue();
            execute(db.gateway(), "create function public.g() returns int language sql as 'select 1'");
            assertThat(GenerateService.holdsOnlyWhatIsCompared(c, app)).as("a function in public, not managed").isFalse();
            assertThat(GenerateService.holdsOnlyWhatIsCompared(c, List.of("app", "public"))).as("public managed too").isTrue();
            execute(db.gateway(), "create schema other");
            assertThat(GenerateService.holdsOnlyWhatIsCompared(c, List.of("app", "public"))).as("an empty schema more").isFalse();
            execute(db.gateway(), "drop schema other");
            execute(db.gateway(), "create function app.to_int(text) returns int language sql as 'select length($1)'; "
                    + "create cast (text as int) with function app.to_int(text)");
            assertThat(GenerateService.holdsOnlyWhatIsCompared(c, List.of("app", "public"))).as("a cast").isFalse();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String describe(Change c) {
        return c.description() != null ? c.description() : String.join("; ", c.statements());
    }

    private static void migrate(DatabaseGateway gateway, Path migrations) throws Exception {
        new MigrationService(gateway, PUBLIC, migrations).migrate(false, false, null, MigrationListener.NONE);
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()));
            }
        }
        return to;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static void execute(DatabaseGateway gateway, String sql) throws SQLException {
        try (Statement st = gateway.connection().createStatement()) {
            st.execute(sql);
        }
    }

    private static long count(DatabaseGateway gateway, String sql) throws SQLException {
        try (Statement st = gateway.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
