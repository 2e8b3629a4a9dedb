package io.github.lmsdb.core.sql;

import io.github.lmsdb.core.error.LmsdbException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.util.PSQLException;

/** Runs SQL scripts statement by statement on one connection, inside the caller's transaction. */
public final class ScriptExecutor {
    private final Connection connection;
    private final List<String> schemas;

    public ScriptExecutor(Connection connection, List<String> schemas) {
        this.connection = connection;
        this.schemas = schemas;
    }

    public static String read(Path script) throws LmsdbException {
        try {
            return Files.readString(script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LmsdbException("Cannot read " + script + ": " + e.getMessage(), "  Check the file's permissions.", e);
        }
    }

    /** Watches a script run statement by statement (a preview reads locks and relfilenodes between them). */
    public interface Observer {
        void before(SqlScript.Statement statement) throws SQLException;

        void after(SqlScript.Statement statement) throws SQLException;
    }

    /** Executes every statement of {@code script}; the first failure stops it. */
    public void run(Path script) throws LmsdbException, ScriptFailure {
        try {
            run(script, null);
        } catch (SQLException e) {
            throw new IllegalStateException("no observer, no observer failure", e);
        }
    }

    /**
     * As {@link #run(Path)}, telling {@code observer} (or nobody, when null) before and after each
     * statement; an observer's own failure is thrown as the SQLException it is, not as the script's.
     */
    public void run(Path script, Observer observer) throws LmsdbException, ScriptFailure, SQLException {
        run(script.getFileName().toString(), read(script), observer);
    }

    /** As {@link #run(Path, Observer)}, for a script's text as it is to run (e.g. with its placeholders expanded). */
    public void run(String name, String text, Observer observer) throws ScriptFailure, SQLException {
        for (SqlScript.Statement statement : SqlScript.split(text)) {
            if (observer != null) {
                observer.before(statement);
            }
            try (Statement st = connection.createStatement()) {
                st.execute(statement.sql());
            } catch (SQLException e) {
                int line = statement.line();
                if (e instanceof PSQLException p && p.getServerErrorMessage() != null && p.getServerErrorMessage().getPosition() > 0) {
                    line = statement.lineOf(p.getServerErrorMessage().getPosition());
                }
                throw new ScriptFailure(name, line, statement.sql(), e);
            }
            if (observer != null) {
                observer.after(statement);
            }
        }
    }
}
