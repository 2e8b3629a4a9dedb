package io.github.lmsdb.core.sql;

import java.sql.SQLException;

/** A statement of a script failed: where, and what PostgreSQL said. */
public final class ScriptFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String sqlState;
    private final String statement;

    ScriptFailure(String file, int line, String statement, SQLException cause) {
        super(cause.getMessage(), cause);
        this.file = file;
        this.line = line;
        this.sqlState = cause.getSQLState();
        this.statement = statement;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String sqlState() {
        return sqlState;
    }

    public String statement() {
        return statement;
    }

    /** {@code ERROR: column "x" does not exist (SQL state 42703) at U2023__X.sql line 3}. */
    public String describe() {
        String message = getMessage() == null ? "unknown error" : getMessage().lines().findFirst().orElse("");
        return message + " (SQL state " + sqlState + ") at " + file + " line " + line;
    }
}
