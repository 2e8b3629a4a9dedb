package io.github.lmsdb.core.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.app.Console;
import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.app.Options;
import io.github.lmsdb.core.app.RunContext;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.migrate.MigrationListener;
import io.github.lmsdb.core.migrate.MigrationService;
import io.github.lmsdb.core.shadow.Linter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each rule's finding and its clean case, against the embedded server: one target whose tables hold rows, and one pending
 * migration per case, previewed on a shadow copy. The target is never changed.
 */
class LintTest {
    private static final String V1 = """
            create table courses (id int primary key);
            create table quizzes (id int primary key, title varchar(100), points int, course_id int,
                constraint quizzes_title_nn check (title is not null));
            create table scratch (id int);
            """;

    @TempDir
    static Path dir;

    private static ConnectionSettings target;

    @BeforeAll
    static void target() throws Exception {
        target = TestServer.newDatabase("lint");
        Path first = Files.createDirectories(dir.resolve("first"));
        Files.writeString(first.resolve("V1__Create.sql"), V1);
        try (DatabaseGateway gateway = DatabaseGateway.connect(target)) {
            new MigrationService(gateway, List.of("public"), first).migrate(false, false, null, MigrationListener.NONE);
            try (Statement st = gateway.connection().createStatement()) {
                st.execute("insert into courses select i from generate_series(1, 10) i");
                st.execute("insert into quizzes select i, 'quiz ' || i, i, 1 + i % 10 from generate_series(1, 1000) i");
                st.execute("insert into scratch values (1)");
                st.execute("analyze courses; analyze quizzes");
            }
        }
    }

    private static LintReport lint(String name, String v2) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve(name));
        Files.writeString(migrations.resolve("V1__Create.sql"), V1);
        Files.writeString(migrations.resolve("V2__Change.sql"), v2);
        try (Lmsdb lmsdb = new Lmsdb(TestServer.settings(target, migrations), RunContext.of("lint"), Console.SILENT)) {
            return lmsdb.lint(new Options.Lint(false, null));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            index-not-concurrent finding       | set lock_timeout = '5s'; create index idx_quizzes_title on quizzes (title);                          | index-not-concurrent:error
            index-not-concurrent clean         | create index concurrently idx_quizzes_title on quizzes (title);                                       |
            constraint-not-valid finding       | set lock_timeout = '5s'; alter table quizzes add constraint quizzes_course_fk foreign key (course_id) references courses (id); | constraint-not-valid:error
            constraint-not-valid clean         | set lock_timeout = '5s'; alter table quizzes add constraint quizzes_course_fk foreign key (course_id) references courses (id) not valid; |
            not-null-on-rows finding           | set lock_timeout = '5s'; alter table quizzes alter column points set not null;                        | not-null-on-rows:error
            not-null-on-rows clean (proven)    | set lock_timeout = '5s'; alter table quizzes alter column title set not null;                         |
            table-rewrite finding              | set lock_timeout = '5s'; alter table quizzes alter column points type bigint;                         | table-rewrite:warning
            table-rewrite clean (no rewrite)   | set lock_timeout = '5s'; alter table quizzes alter column title type varchar(200);                    |
            access-exclusive finding           | alter table quizzes add column note text;                                                             | access-exclusive:warning
            access-exclusive clean             | set lock_timeout = '5s'; alter table quizzes add column note text;                                    |
            drop-column finding                | set lock_timeout = '5s'; alter table quizzes drop column points;                                      | drop-column:warning
            drop-column clean                  | set lock_timeout = '5s'; alter table quizzes drop constraint quizzes_title_nn;                        |
            drop-table finding                 | set lock_timeout = '5s'; drop table scratch;                                                          | drop-table:warning
            drop-table clean                   | create table scratch_two (id int); drop table scratch_two;                                            |
            rename-column finding              | set lock_timeout = '5s'; alter table quizzes rename column title to name;                             | rename-column:warning
            rename-column clean                | set lock_timeout = '5s'; alter table quizzes rename constraint quizzes_title_nn to quizzes_title_set; |
            concurrently-in-transaction finding| set lock_timeout = '5s'; alter table courses add column x int; create index concurrently idx_quizzes_title on quizzes (title); | concurrently-in-transaction:error
            concurrently-in-transaction clean  | set lock_timeout = '5s'; create index concurrently idx_quizzes_title on quizzes (title);              |
            """)
    void eachRuleFindsItsHazardAndNotItsCleanCase(String name, String v2, String expected) throws Exception {
        LintReport report = lint(name.trim().replaceAll("\\W+", "_"), v2.replace("; ", ";\n"));

        assertThat(report.linted()).containsExactly("V2__Change.sql");
        assertThat(report.findings()).extracting(f -> f.rule().id() + ":" + f.severity().id())
                .containsExactlyElementsOf(expected == null ? List.of() : List.of(expected.trim()));
    }

    @Test
    void anIndexFindingCarriesWhatTheShadowSawAndTheTargetsSize() throws Exception {
        LintReport report = lint("evidence", "set lock_timeout = '5s';\n-- a comment\ncreate index idx_quizzes_title on quizzes (title);\n");

        Finding f = report.findings().get(0);
        assertThat(f.line()).isEqualTo(3);
        assertThat(f.table()).isEqualTo("quizzes");
        assertThat(f.observed()).isTrue();
        assertThat(f.evidence()).isEqualTo("takes SHARE while the index builds");
        assertThat(f.estimatedRows()).isEqualTo(1000);
        assertThat(f.bytes()).isGreaterThan(8192);
        assertThat(report.textOnly()).isEmpty();
        assertThatThrownBy(() -> report.requireBelow(Finding.Severity.ERROR)).isInstanceOf(LmsdbException.class).hasMessageContaining("1 finding");
        report.requireBelow(null);
    }

    @Test
    void aRewriteOfALargeTableIsAnError() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("large"));
        Files.writeString(migrations.resolve("V1__Create.sql"), V1);
        Files.writeString(migrations.resolve("V2__Change.sql"), "set lock_timeout = '5s';\nalter table quizzes alter column points type bigint;\n");
        try (DatabaseGateway gateway = DatabaseGateway.connect(target)) {
            io.github.lmsdb.core.shadow.TargetTables tables = io.github.lmsdb.core.shadow.TargetTables.read(gateway.connection(),
                    io.github.lmsdb.core.catalog.Scope.of(List.of("public")));
            Finding f = new Linter(tables, 1).lint(new Linter.Input(null, migrations.resolve("V2__Change.sql"), null)).get(0);
            assertThat(f.rule()).isEqualTo(Rule.TABLE_REWRITE);
            assertThat(f.observed()).as("not previewed: read from the text").isFalse();
        }
    }

    @Test
    void lintAllReadsTheAppliedMigrationsByTheirTextAndChangesNothing() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("all"));
        Files.writeString(migrations.resolve("V1__Create.sql"), V1);
        try (Lmsdb lmsdb = new Lmsdb(TestServer.settings(target, migrations), RunContext.of("lint"), Console.SILENT)) {
            LintReport report = lmsdb.lint(new Options.Lint(true, null));
            assertThat(report.linted()).containsExactly("V1__Create.sql");
            assertThat(report.textOnly()).containsKey("V1__Create.sql");
            assertThat(report.findings()).as("creating tables is safe").isEmpty();
        }
        try (DatabaseGateway gateway = DatabaseGateway.connect(target); Statement st = gateway.connection().createStatement();
                ResultSet rs = st.executeQuery("select count(*) from flyway_schema_history where success")) {
            rs.next();
            assertThat(rs.getInt(1)).as("only V1 applied: lint applied nothing").isEqualTo(1);
        }
    }
}
