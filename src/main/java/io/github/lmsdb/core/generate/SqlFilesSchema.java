package io.github.lmsdb.core.generate;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.sql.ScriptBatch;
import io.github.lmsdb.core.sql.ScriptExecutor;
import io.github.lmsdb.core.sql.ScriptFailure;
import io.github.lmsdb.core.sql.SqlScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The declared schema as SQL files, one per entity ({@code users.sql} with its table, indexes and
 * types). Files run in name order; a file that refers to an object another file creates later
 * (a foreign key to a table not created yet) is retried after the others, so files need no
 * numbering.
 */
public final class SqlFilesSchema implements DesiredSchema {
    /** Errors that mean "something this file needs is not there yet": undefined table, object, schema, function. */
    private static final Set<String> MISSING_DEPENDENCY = Set.of("42P01", "42704", "3F000", "42883");

    private final Path directory;

    public SqlFilesSchema(Path directory) {
        this.directory = directory;
    }

    @Override
    public String describe() {
        return directory.toString();
    }

    public List<Path> files() throws LmsdbException {
        if (!Files.isDirectory(directory)) {
            throw new LmsdbException("Schema directory not found: " + directory + ".",
                    Hint.line("Declare the schema there, one SQL file per entity (users.sql with CREATE TABLE users ...), "
                            + "or point to it: ", Hint.set("schemaDirectory", "<dir>")));
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().toList();
        } catch (IOException e) {
            throw new LmsdbException("Cannot read " + directory + ": " + e.getMessage(), "  Check its permissions.", e);
        }
    }

    @Override
    public void applyTo(Connection c) throws LmsdbException, SQLException {
        List<Path> remaining = new ArrayList<>(files());
        List<ScriptBatch.Script> texts = new ArrayList<>();
        for (Path file : remaining) {
            texts.add(new ScriptBatch.Script(file.getFileName().toString(), ScriptExecutor.read(file)));
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            if (inNameOrder(c, texts)) {
                return;
            }
            ScriptFailure lastFailure = null;
            while (!remaining.isEmpty()) {
                // One transaction, the files sent as batches (each file between a savepoint and its release); a file that
                // fails is rolled back to its savepoint and, when it needs what a later file creates, tried again after.
                List<Path> deferred = new ArrayList<>();
                List<ScriptBatch.Script> deferredTexts = new ArrayList<>();
                int from = 0;
                while (from < texts.size()) {
                    ScriptBatch.Outcome o = ScriptBatch.run(c, texts, from);
                    if (o.failed() < 0) {
                        break;
                    }
                    ScriptFailure f = o.failure();
                    if (!MISSING_DEPENDENCY.contains(f.sqlState())) {
                        throw invalid(f);
                    }
                    deferred.add(remaining.get(o.failed()));
                    deferredTexts.add(texts.get(o.failed()));
                    lastFailure = f;
                    from = o.failed() + 1;
                }
                if (deferred.size() == remaining.size()) {
                    throw invalid(lastFailure);
                }
                remaining = deferred;
                texts = deferredTexts;
            }
            c.commit();
        } catch (LmsdbException | SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * The files in name order, in one transaction without a savepoint per file, committed when every statement succeeds;
     * else rolled back, and the files are run again one savepoint each (retried in dependency order, a failure named by
     * file and line). A thousand savepoints cost more than the thousand files: each release hands every lock the
     * transaction holds on to its parent (bench/generate-1000-tables.sh: 6.1 s of server time against 2.5 s).
     */
    private static boolean inNameOrder(Connection c, List<ScriptBatch.Script> texts) throws SQLException {
        List<String> statements = new ArrayList<>();
        for (ScriptBatch.Script t : texts) {
            SqlScript.split(t.text()).forEach(st -> statements.add(st.sql()));
        }
        try {
            ScriptBatch.executeAll(c, statements);
            c.commit();
            return true;
        } catch (SQLException needsTheCarefulWay) {
            c.rollback();
            return false;
        }
    }

    private LmsdbException invalid(ScriptFailure f) {
        return new LmsdbException("The declared schema is invalid: " + f.describe() + " (in " + directory + "). Nothing was written.",
                "  Fix " + f.file() + " line " + f.line() + " and run lmsdb:generate again.", f);
    }
}
