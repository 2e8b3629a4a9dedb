package io.github.lmsdb.core.sql;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Statements sent to PostgreSQL as JDBC batches: one round trip for many statements instead of one each. Building a
 * 1,000-table schema is some 4,000 statements, and on a busy machine each round trip waits for both processes to be
 * scheduled, which cost more than the statements themselves (bench/generate-1000-tables.sh). A statement that returns
 * rows cannot be in a batch: it runs alone, in its place.
 */
public final class ScriptBatch {
    private static final Set<String> RETURNS_ROWS = Set.of("select", "with", "values", "show", "table", "explain", "fetch", "call");
    private static final String SAVEPOINT = "lmsdb_script";

    /** Each script's own savepoint name: after a failed batch, the one that still exists tells which script failed. */
    private static String savepoint(int script) {
        return SAVEPOINT + "_" + script;
    }

    private ScriptBatch() {}

    /** A script: its name for messages, and its text. */
    public record Script(String name, String text) {}

    /** The first script that failed from {@code from} on (rolled back to its savepoint, the ones before it kept), or none. */
    public record Outcome(int failed, ScriptFailure failure) {
        static final Outcome NONE = new Outcome(-1, null);
    }

    /**
     * Runs {@code scripts} from {@code from} in the caller's transaction (auto-commit off), each between a savepoint and its
     * release, as if each ran alone in order: stops at the first script that fails, rolled back to its own savepoint.
     */
    public static Outcome run(Connection c, List<Script> scripts, int from) throws SQLException {
        List<String> batch = new ArrayList<>();
        // For each batch entry: the script's index, and its statement (null for the savepoint and its release).
        List<Integer> scriptOf = new ArrayList<>();
        List<SqlScript.Statement> statementOf = new ArrayList<>();
        for (int i = from; i < scripts.size(); i++) {
            List<SqlScript.Statement> statements = SqlScript.split(scripts.get(i).text());
            if (statements.stream().anyMatch(s -> returnsRows(s.sql()))) {
                Outcome o = flush(c, scripts, batch, scriptOf, statementOf);
                if (o != Outcome.NONE) {
                    return o;
                }
                Outcome alone = alone(c, scripts.get(i), i);
                if (alone != Outcome.NONE) {
                    return alone;
                }
                continue;
            }
            batch.add("savepoint " + savepoint(i));
            scriptOf.add(i);
            statementOf.add(null);
            for (SqlScript.Statement s : statements) {
                batch.add(s.sql());
                scriptOf.add(i);
                statementOf.add(s);
            }
            batch.add("release savepoint " + savepoint(i));
            scriptOf.add(i);
            statementOf.add(null);
        }
        return flush(c, scripts, batch, scriptOf, statementOf);
    }

    /**
     * Executes {@code statements} in order in the caller's transaction, in batches between those that return rows; the
     * first failure is thrown (the transaction is then aborted).
     */
    public static void executeAll(Connection c, List<String> statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            int batched = 0;
            for (String sql : statements) {
                if (returnsRows(sql)) {
                    if (batched > 0) {
                        st.executeBatch();
                        batched = 0;
                    }
                    st.execute(sql);
                } else {
                    st.addBatch(sql);
                    batched++;
                }
            }
            if (batched > 0) {
                st.executeBatch();
            }
        }
    }

    static boolean returnsRows(String sql) {
        String s = sql.stripLeading();
        while (s.startsWith("(")) {
            s = s.substring(1).stripLeading();
        }
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        return RETURNS_ROWS.contains(s.substring(0, end).toLowerCase(Locale.ROOT));
    }

    private static Outcome flush(Connection c, List<Script> scripts, List<String> batch, List<Integer> scriptOf,
            List<SqlScript.Statement> statementOf) throws SQLException {
        if (batch.isEmpty()) {
            return Outcome.NONE;
        }
        try (Statement st = c.createStatement()) {
            for (String sql : batch) {
                st.addBatch(sql);
            }
            st.executeBatch();
            return Outcome.NONE;
        } catch (BatchUpdateException e) {
            // PostgreSQL stops a batch at its first error, and the transaction is aborted. Only the failing script's savepoint
            // is still there (those before it were released, those after it never made): rolling back to it finds the script,
            // the driver's "Batch entry <n>" tried first. The script then runs alone, which names its statement and line.
            List<Integer> candidates = new ArrayList<>();
            java.util.regex.Matcher entry = java.util.regex.Pattern.compile("Batch entry (\\d+)").matcher(String.valueOf(e.getMessage()));
            if (entry.find() && Integer.parseInt(entry.group(1)) < batch.size()) {
                candidates.add(scriptOf.get(Integer.parseInt(entry.group(1))));
            }
            for (int i = scriptOf.size() - 1; i >= 0; i--) {
                if (!candidates.contains(scriptOf.get(i))) {
                    candidates.add(scriptOf.get(i));
                }
            }
            for (int script : candidates) {
                try (Statement st = c.createStatement()) {
                    st.execute("rollback to savepoint " + savepoint(script));
                    st.execute("release savepoint " + savepoint(script));
                } catch (SQLException notThisOne) {
                    continue;
                }
                Outcome alone = alone(c, scripts.get(script), script);
                if (alone != Outcome.NONE) {
                    return alone;
                }
                // It ran alone: go on after it, as the batch would have.
                return run(c, scripts, script + 1);
            }
            throw e;
        } finally {
            batch.clear();
            scriptOf.clear();
            statementOf.clear();
        }
    }

    private static Outcome alone(Connection c, Script script, int index) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("savepoint " + SAVEPOINT);
        }
        try {
            new ScriptExecutor(c, List.of()).run(script.name(), script.text(), null);
        } catch (ScriptFailure f) {
            try (Statement st = c.createStatement()) {
                st.execute("rollback to savepoint " + SAVEPOINT);
                st.execute("release savepoint " + SAVEPOINT);
            }
            return new Outcome(index, f);
        }
        try (Statement st = c.createStatement()) {
            st.execute("release savepoint " + SAVEPOINT);
        }
        return Outcome.NONE;
    }

}
