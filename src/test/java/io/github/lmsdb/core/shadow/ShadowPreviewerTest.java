package io.github.lmsdb.core.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.backup.SchemaCopy;
import io.github.lmsdb.core.catalog.SchemaChange;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.migrate.MigrateResult;
import io.github.lmsdb.core.migrate.MigrationListener;
import io.github.lmsdb.core.migrate.MigrationService;
import io.github.lmsdb.core.migrate.Preview;
import io.github.lmsdb.core.migrate.RollbackPlan;
import io.github.lmsdb.core.report.MigrationRenderer;
import io.github.lmsdb.core.report.Style;
import io.github.lmsdb.maven.MavenWords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a preview observes on the shadow, statement by statement, and where the shadow lives. */
class ShadowPreviewerTest {
    private static final SchemaCopy COPY = new SchemaCopy(null, Duration.ofMinutes(5), "lmsdb:test");

    @TempDir
    Path dir;

    private Path migrations;

    @BeforeEach
    void layout() throws Exception {
        migrations = Files.createDirectories(dir.resolve("migration"));
        Files.writeString(migrations.resolve("V1__CreateQuizzes.sql"), "create table quizzes (id int primary key, title text, points int);\n");
        Files.writeString(migrations.resolve("U1__CreateQuizzes.sql"), "drop table quizzes;\n");
        Files.writeString(migrations.resolve("V2__AddQuizTimeLimit.sql"), """
                -- a comment first, so the lines are the file's
                alter table quizzes add column time_limit int;
                alter table quizzes alter column points type bigint;
                create index idx_quizzes_title on quizzes (title);
                create table answers (id int primary key, quiz_id int references quizzes (id));
                """);
        Files.writeString(migrations.resolve("U2__AddQuizTimeLimit.sql"), """
                drop table answers;
                drop index idx_quizzes_title;
                alter table quizzes alter column points type int;
                alter table quizzes drop column time_limit;
                """);
    }

    private static MigrationService service(DatabaseGateway gateway, Path migrations, ConnectionSettings shadowServer) {
        return new MigrationService(gateway, List.of("public"), migrations, new ShadowPreviewer(gateway, List.of("public"), shadowServer, COPY));
    }

    @Test
    void dryRunReportsEachStatementsLockAndRewriteOnTheTargetsTablesWithTheirSize() throws Exception {
        try (DatabaseGateway gateway = DatabaseGateway.connect(TestServer.newDatabase("shadow_locks"))) {
            Path first = Files.createDirectories(dir.resolve("first"));
            Files.copy(migrations.resolve("V1__CreateQuizzes.sql"), first.resolve("V1__CreateQuizzes.sql"));
            new MigrationService(gateway, List.of("public"), first).migrate(false, false, null, MigrationListener.NONE);
            try (Statement st = gateway.connection().createStatement()) {
                st.execute("insert into quizzes select i, 'quiz ' || i, i from generate_series(1, 20000) i; analyze quizzes");
            }

            MigrateResult result = service(gateway, migrations, null).migrate(true, false, null, MigrationListener.NONE);

            Preview preview = result.previews().get(0);
            assertThat(preview.problem()).isNull();
            assertThat(preview.changes()).extracting(SchemaChange::describe)
                    .contains("Create column: quizzes.time_limit", "Create index: idx_quizzes_title", "Create table: answers");
            assertThat(preview.effects()).extracting(e -> e.line() + " " + e.table() + " " + e.lock() + " " + e.rewrites())
                    .as("line 4's SHARE and line 5's SHARE ROW EXCLUSIVE are weaker than the ACCESS EXCLUSIVE already held")
                    .containsExactly("2 quizzes ACCESS EXCLUSIVE false", "3 quizzes null true");
            assertThat(preview.effects()).allSatisfy(e -> {
                assertThat(e.bytes()).isGreaterThan(100_000);
                assertThat(e.estimatedRows()).isEqualTo(20_000);
            });
            assertThat(MigrationRenderer.migrateSummary(result, Style.PLAIN))
                    .contains("  AddQuizTimeLimit line 2 takes ACCESS EXCLUSIVE on quizzes (" + io.github.lmsdb.core.io.ByteSize.format(preview.effects().get(0).bytes())
                            + ", about 20 k rows)");
            assertThat(count(gateway, "select count(*) from information_schema.columns where table_name = 'quizzes' and column_name = 'time_limit'")).isZero();
            assertThat(PreviewTouchesNothingTest.shadowDatabases(gateway.connection())).isEmpty();
        }
    }

    @Test
    void eachStatementReportsTheLocksItTakesFirst() throws Exception {
        Files.writeString(migrations.resolve("V2__AddQuizTimeLimit.sql"), """
                create index idx_quizzes_title on quizzes (title);
                alter table quizzes alter column points type bigint;
                """);
        try (DatabaseGateway gateway = DatabaseGateway.connect(TestServer.newDatabase("shadow_order"))) {
            Path first = Files.createDirectories(dir.resolve("first"));
            Files.copy(migrations.resolve("V1__CreateQuizzes.sql"), first.resolve("V1__CreateQuizzes.sql"));
            new MigrationService(gateway, List.of("public"), first).migrate(false, false, null, MigrationListener.NONE);

            Preview preview = service(gateway, migrations, null).migrate(true, false, null, MigrationListener.NONE).previews().get(0);

            assertThat(preview.effects()).extracting(e -> e.line() + " " + e.lock() + " " + e.rewrites())
                    .containsExactly("1 SHARE false", "2 ACCESS EXCLUSIVE true");
            assertThat(preview.effects().get(1).estimatedRows()).as("never analyzed").isNegative();
        }
    }

    @Test
    void rollbackPreviewCountsLossOnTheTargetAndDropsTheShadowOnAnotherServer() throws Exception {
        try (DatabaseGateway gateway = DatabaseGateway.connect(TestServer.newDatabase("shadow_loss"))) {
            new MigrationService(gateway, List.of("public"), migrations).migrate(false, false, null, MigrationListener.NONE);
            try (Statement st = gateway.connection().createStatement()) {
                st.execute("insert into quizzes (id, title, time_limit) values (1, 'a', 10), (2, 'b', null), (3, 'c', 30)");
            }
            ConnectionSettings elsewhere = TestServer.newDatabase("shadow_server");

            RollbackPlan plan = service(gateway, migrations, elsewhere).planRollback(1);

            Preview preview = plan.steps().get(0).preview();
            assertThat(preview.dataLoss()).containsExactly("quizzes.time_limit has 2 non-null values");
            assertThat(preview.effects()).extracting(e -> e.line() + " " + e.table() + " " + e.lock() + " " + e.rewrites())
                    .as("dropping answers locks the table its foreign key references; answers is on the target too")
                    .containsExactly("1 answers ACCESS EXCLUSIVE false", "1 quizzes ACCESS EXCLUSIVE false", "3 quizzes null true");
            assertThat(count(gateway, "select count(time_limit) from quizzes")).isEqualTo(2);
            assertThat(PreviewTouchesNothingTest.shadowDatabases(gateway.connection())).isEmpty();
        }
    }

    @Test
    void withoutCreatedbOnTheTargetAndNoShadowServerThePreviewIsRefusedNamingShadowUrl() throws Exception {
        ConnectionSettings admin = TestServer.newDatabase("shadow_nocreatedb");
        try (DatabaseGateway gateway = DatabaseGateway.connect(admin); Statement st = gateway.connection().createStatement()) {
            st.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = 'lmsdb_nocreatedb') then "
                    + "create role lmsdb_nocreatedb login nocreatedb; end if; end $$");
            st.execute("alter database " + admin.url().database() + " owner to lmsdb_nocreatedb");
            st.execute("alter schema public owner to lmsdb_nocreatedb");
        }
        ConnectionSettings app = new ConnectionSettings(admin.url(), "lmsdb_nocreatedb", null, admin.passwordSource(), null, admin.connectTimeout());
        try (DatabaseGateway gateway = DatabaseGateway.connect(app)) {
            assertThatThrownBy(() -> service(gateway, migrations, null).migrate(true, false, null, MigrationListener.NONE))
                    .isInstanceOf(LmsdbException.class)
                    .hasMessageContaining("never on the database itself")
                    .satisfies(e -> assertThat(((LmsdbException) e).describe(MavenWords.INSTANCE)).contains("-Dlmsdb.shadowUrl="));

            MigrateResult viaShadowServer = service(gateway, migrations, admin).migrate(true, false, null, MigrationListener.NONE);

            assertThat(viaShadowServer.previews()).hasSize(2).extracting(Preview::problem).containsOnlyNulls();
        }
    }

    private static long count(DatabaseGateway gateway, String sql) throws Exception {
        try (Statement st = gateway.connection().createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
