package io.github.lmsdb.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lmsdb.core.schema.ScratchDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scripts sent as batches behave as if each ran alone between a savepoint and its release. */
class ScriptBatchTest {
    @Test
    void aFailingScriptIsRolledBackToItsSavepointNamedWithItsLineAndTheOnesBeforeItStay() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("batch_fail")) {
            Connection c = db.connection();
            c.setAutoCommit(false);
            List<ScriptBatch.Script> scripts = List.of(
                    new ScriptBatch.Script("a.sql", "create table a (id int);\ncreate index a_id on a (id);\n"),
                    new ScriptBatch.Script("b.sql", "create table b (id int);\n\ncreate index b_x on b (\n  x);\n"),
                    new ScriptBatch.Script("c.sql", "create table c (id int);\n"));

            ScriptBatch.Outcome first = ScriptBatch.run(c, scripts, 0);

            assertThat(first.failed()).isEqualTo(1);
            assertThat(first.failure().file()).isEqualTo("b.sql");
            assertThat(first.failure().line()).isEqualTo(3);
            assertThat(first.failure().sqlState()).isEqualTo("42703");
            assertThat(first.failure().describe()).startsWith("ERROR: column \"x\" does not exist");
            assertThat(tables(c)).containsExactly("a");

            ScriptBatch.Outcome rest = ScriptBatch.run(c, scripts, 2);

            assertThat(rest.failed()).isEqualTo(-1);
            c.commit();
            assertThat(tables(c)).containsExactly("a", "c");
        }
    }

    @Test
    void aScriptThatReturnsRowsRunsAloneInItsPlace() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("batch_rows")) {
            Connection c = db.connection();
            c.setAutoCommit(false);
            List<ScriptBatch.Script> scripts = List.of(
                    new ScriptBatch.Script("a.sql", "create table a (id int);\n"),
                    new ScriptBatch.Script("b.sql", "select pg_catalog.set_config('search_path', 'public', false);\ncreate table b (id int primary key);\n"),
                    new ScriptBatch.Script("c.sql", "create table c (id int references b);\n"));

            assertThat(ScriptBatch.run(c, scripts, 0).failed()).isEqualTo(-1);
            c.commit();
            assertThat(tables(c)).containsExactly("a", "b", "c");
        }
    }

    private static List<String> tables(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select relname from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' order by 1")) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
