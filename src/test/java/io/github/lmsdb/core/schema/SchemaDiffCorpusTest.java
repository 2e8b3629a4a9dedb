package io.github.lmsdb.core.schema;

import io.github.lmsdb.core.catalog.Catalog;
import io.github.lmsdb.core.catalog.Scope;
import io.github.lmsdb.core.catalog.UnreadObjects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.db.RowCounter;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.sql.SqlScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code src/test/resources/schema-diff} (see its README): the diff between a
 * "before" and an "after" database is exactly the expected one, and its statements and its undo
 * really turn one schema into the other and back.
 */
class SchemaDiffCorpusTest {
    /** Tests run with the repository root as working directory. */
    private static final Path CORPUS = Path.of("src/test/resources/schema-diff");

    /** {@code -Dlmsdb.corpus=policy,grant} runs only the cases whose folder name contains one of these words. */
    static Stream<String> cases() throws IOException {
        List<String> only = Arrays.stream(System.getProperty("lmsdb.corpus", "").split(",")).map(String::strip).filter(w -> !w.isEmpty()).toList();
        try (Stream<Path> folders = Files.list(CORPUS)) {
            return folders.filter(Files::isDirectory).map(f -> f.getFileName().toString())
                    .filter(n -> only.isEmpty() || only.stream().anyMatch(n::contains)).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diffIsTheExpectedOneAndItsStatementsAndUndoRoundTrip(String name) throws Exception {
        Path folder = CORPUS.resolve(name);
        List<String> schemas = schemas(folder);
        String beforeSql = Files.readString(folder.resolve("before.sql"));
        String expected = Files.readString(folder.resolve("expected.txt"));
        try (ScratchDatabase a = ScratchDatabase.create("corpus_before"); ScratchDatabase b = ScratchDatabase.create("corpus_after")) {
            execute(a.connection(), SqlScript.split(beforeSql), "before.sql of " + name);
            execute(b.connection(), SqlScript.split(Files.readString(folder.resolve("after.sql"))), "after.sql of " + name);
            Catalog before = Catalog.read(a.connection(), schemas);
            Catalog after = Catalog.read(b.connection(), schemas);
            List<NotCompared> notCompared = NotCompared.of(before, UnreadObjects.count(a.connection(), Scope.of(schemas)),
                    after, UnreadObjects.count(b.connection(), Scope.of(schemas)));

            if (expected.startsWith("refused: ")) {
                // A change the engine cannot write safely is refused by name, never skipped.
                assertThatThrownBy(() -> SchemaDiff.diff(before, after, SchemaDiff.Counts.exact(new RowCounter(a.connection()))))
                        .as("the refusal of %s", name).isInstanceOf(LmsdbException.class)
                        .hasMessageContaining(expected.strip().substring("refused: ".length()));
                assertThatThrownBy(() -> SchemaDiff.diff(after, before, SchemaDiff.Counts.NONE))
                        .as("the refusal of the undo of %s", name).isInstanceOf(LmsdbException.class);
                return;
            }
            List<Change> changes = SchemaDiff.diff(before, after, SchemaDiff.Counts.exact(new RowCounter(a.connection())));

            String script = DdlWriter.script("Corpus case " + name, changes);
            assertThat(render(changes, notCompared)).as("the changes of %s; their script:%n%s", name, script).isEqualTo(expected);
            assertThat(script.lines()).as("the script of %s", name).containsAll(commentLines(changes));

            if (hazardKinds(changes).contains(Hazard.Kind.NOT_NULL_ON_ROWS)) {
                // The hazard says the statement cannot run on these rows: it must really fail there.
                assertThatThrownBy(() -> apply(a.connection(), SchemaDiff.statements(changes), "the changes of " + name))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23502"));
                try (ScratchDatabase withoutRows = ScratchDatabase.create("corpus_norows")) {
                    execute(withoutRows.connection(), SqlScript.split(beforeSql).stream()
                            .filter(s -> !s.sql().regionMatches(true, 0, "insert", 0, "insert".length())).toList(), "before.sql of " + name);
                    assertRoundTrip(name, withoutRows.connection(), schemas, before, after, changes);
                }
            } else {
                assertRoundTrip(name, a.connection(), schemas, before, after, changes);
            }
        }
    }

    /** Changes applied to {@code c} (which holds {@code before}) give {@code after}; the undo then gives {@code before} again. */
    private static void assertRoundTrip(String name, Connection c, List<String> schemas, Catalog before, Catalog after, List<Change> changes)
            throws SQLException, LmsdbException {
        inOneTransaction(c, SchemaDiff.statements(changes), "the changes of " + name);
        Catalog migrated = Catalog.read(c, schemas);
        assertThat(descriptionsOrStatements(SchemaDiff.diff(migrated, after, SchemaDiff.Counts.NONE)))
                .as("what still differs from after.sql of %s once its changes are applied", name).isEmpty();

        List<Change> undo = SchemaDiff.diff(after, before, SchemaDiff.Counts.NONE);
        inOneTransaction(c, SchemaDiff.statements(undo), "the undo of " + name);
        Catalog undone = Catalog.read(c, schemas);
        assertThat(descriptionsOrStatements(SchemaDiff.diff(undone, before, SchemaDiff.Counts.NONE)))
                .as("what still differs from before.sql of %s once the undo is applied", name).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    /** The changes in the format of expected.txt. */
    private static String render(List<Change> changes, List<NotCompared> notCompared) {
        StringBuilder sb = new StringBuilder();
        changes.stream().map(Change::description).filter(d -> d != null).forEach(d -> sb.append(d).append('\n'));
        sb.append("hazards:\n");
        hazardKinds(changes).forEach(k -> sb.append(k.name()).append('\n'));
        notCompared.forEach(n -> sb.append(n.describe()).append('\n'));
        return sb.toString();
    }

    private static List<Hazard.Kind> hazardKinds(List<Change> changes) {
        return changes.stream().flatMap(c -> c.hazards().stream()).map(Hazard::kind).toList();
    }

    private static List<String> commentLines(List<Change> changes) {
        List<String> lines = new ArrayList<>();
        for (Change c : changes) {
            if (c.description() != null) {
                lines.add("-- " + c.description());
            }
            c.hazards().forEach(h -> lines.add("-- " + h.describe()));
        }
        return lines;
    }

    /** A readable account of a diff that should be empty. */
    private static List<String> descriptionsOrStatements(List<Change> changes) {
        return changes.stream().map(c -> c.description() != null ? c.description() : String.join("; ", c.statements())).toList();
    }

    private static List<String> schemas(Path folder) throws IOException {
        Path file = folder.resolve("schemas.txt");
        if (!Files.exists(file)) {
            return List.of("public");
        }
        return Arrays.stream(Files.readString(file).strip().split(",")).map(String::strip).toList();
    }

    private static void execute(Connection c, List<SqlScript.Statement> statements, String what) throws SQLException {
        apply(c, statements.stream().map(SqlScript.Statement::sql).toList(), what);
    }

    /** The statements in one transaction, as lmsdb:migrate runs a migration and lmsdb:rollback its undo. */
    private static void inOneTransaction(Connection c, List<String> statements, String what) throws SQLException {
        c.setAutoCommit(false);
        try {
            apply(c, statements, what + " (in one transaction)");
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Each statement on its own, in autocommit; a failure names the case and the statement. */
    private static void apply(Connection c, List<String> statements, String what) throws SQLException {
        for (String sql : statements) {
            try (Statement st = c.createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                throw new SQLException("Applying " + what + " failed: " + e.getMessage().lines().findFirst().orElse("") + "\n  at: " + sql,
                        e.getSQLState(), e);
            }
        }
    }
}
