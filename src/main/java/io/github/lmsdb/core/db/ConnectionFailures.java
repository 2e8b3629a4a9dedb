package io.github.lmsdb.core.db;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.config.JdbcUrl;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/** Turns a failed connection attempt into the message and the fix a user needs. */
final class ConnectionFailures {
    private static final Hint EMBEDDED = Hint.line("Or use the embedded server: ", Hint.set("embedded", "true"));

    private ConnectionFailures() {}

    static LmsdbException explain(SQLException e, ConnectionSettings settings) {
        JdbcUrl url = settings.url();
        String where = url.hostAndPort();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        Throwable root = rootCause(e);
        if (root instanceof UnknownHostException) {
            return new LmsdbException(
                    "Cannot connect to PostgreSQL: unknown host '" + url.host() + "'.",
                    Hint.line("Check the host name in ", Hint.param("url"), " (now " + url + ").").then(EMBEDDED),
                    e);
        }
        if (root instanceof ConnectException || root instanceof NoRouteToHostException) {
            return new LmsdbException(
                    "Cannot connect to PostgreSQL at " + where + " (connection refused).",
                    Hint.plain("PostgreSQL is not running or not accessible.")
                            .then("To start it: brew services start postgresql | sudo systemctl start postgresql | docker compose up -d postgres")
                            .then(EMBEDDED),
                    e);
        }
        if (root instanceof SocketTimeoutException || isTimeout(e)) {
            long seconds = settings.connectTimeout().toSeconds();
            return new LmsdbException(
                    "Cannot connect to PostgreSQL at " + where + ": no answer within " + seconds + " s.",
                    Hint.line("Check that the host and port in ", Hint.param("url"), " are right and that no firewall drops the connection.")
                            .then("To wait longer: ", Hint.set("connectTimeout", Math.max(30, seconds * 3)))
                            .then(EMBEDDED),
                    e);
        }
        if (state.equals("28P01") || state.equals("28000") || state.equals("08004") && isPasswordRequest(e)) {
            return new LmsdbException(
                    Hint.plain("Authentication failed for user '" + settings.user() + "' at " + where + " (")
                            .plus(settings.passwordSource().explanation().lines().get(0).toArray()).plus(")."),
                    Hint.line("Give the right password with ", Hint.param("password"), ", a settings.xml <server> and ", Hint.param("serverId"),
                            ", PGPASSWORD or ~/.pgpass.")
                            .then("Or connect as another user: ", Hint.set("user", "<name>")),
                    e);
        }
        if (state.equals("3D000")) {
            return new LmsdbException(
                    "Database '" + url.database() + "' does not exist on " + where + ".",
                    Hint.line("To create it: ", ClientCommand.of("createdb", settings, ClientCommand.shell(url.database())))
                            .then("Or use the embedded server, which creates it: ", Hint.set("embedded", "true")),
                    e);
        }
        return new LmsdbException(
                "Cannot connect to PostgreSQL at " + where + ": " + firstLine(e.getMessage())
                        + (state.isEmpty() ? "" : " (SQL state " + state + ")") + ".",
                Hint.line("Check ", Hint.param("url"), ", ", Hint.param("user"), " and the server's log."),
                e);
    }

    private static boolean isTimeout(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
        return message.contains("timed out") || message.contains("timeout");
    }

    private static boolean isPasswordRequest(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
        return message.contains("password");
    }

    private static Throwable rootCause(Throwable t) {
        Throwable current = t;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
