package io.github.lmsdb.core.db;

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
    private ConnectionFailures() {}

    static LmsdbException explain(SQLException e, ConnectionSettings settings) {
        JdbcUrl url = settings.url();
        String where = url.hostAndPort();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        Throwable root = rootCause(e);
        if (root instanceof UnknownHostException) {
            return new LmsdbException(
                    "Cannot connect to PostgreSQL: unknown host '" + url.host() + "'.",
                    "  Check the host name in -Dlmsdb.url (now " + url + ").\n"
                            + "  Or use the embedded server: -Dlmsdb.embedded=true",
                    e);
        }
        if (root instanceof ConnectException || root instanceof NoRouteToHostException) {
            return new LmsdbException(
                    "Cannot connect to PostgreSQL at " + where + " (connection refused).",
                    "PostgreSQL is not running or not accessible.\n"
                            + "  To start it: brew services start postgresql | sudo systemctl start postgresql | docker compose up -d postgres\n"
                            + "  Or use the embedded server: -Dlmsdb.embedded=true",
                    e);
        }
        if (root instanceof SocketTimeoutException || isTimeout(e)) {
            long seconds = settings.connectTimeout().toSeconds();
            return new LmsdbException(
                    "Cannot connect to PostgreSQL at " + where + ": no answer within " + seconds + " s.",
                    "  Check that the host and port in -Dlmsdb.url are right and that no firewall drops the connection.\n"
                            + "  To wait longer: -Dlmsdb.connectTimeout=" + Math.max(30, seconds * 3) + "\n"
                            + "  Or use the embedded server: -Dlmsdb.embedded=true",
                    e);
        }
        if (state.equals("28P01") || state.equals("28000") || state.equals("08004") && isPasswordRequest(e)) {
            String source = settings.passwordSource().explanation();
            return new LmsdbException(
                    "Authentication failed for user '" + settings.user() + "' at " + where + " (" + source + ").",
                    "  Give the right password with -Dlmsdb.password, a settings.xml <server> and -Dlmsdb.serverId, "
                            + "PGPASSWORD or ~/.pgpass.\n"
                            + "  Or connect as another user: -Dlmsdb.user=<name>",
                    e);
        }
        if (state.equals("3D000")) {
            return new LmsdbException(
                    "Database '" + url.database() + "' does not exist on " + where + ".",
                    "  To create it: createdb -h " + url.host() + " -p " + url.port() + " -U " + settings.user() + " "
                            + url.database() + "\n"
                            + "  Or use the embedded server, which creates it: -Dlmsdb.embedded=true",
                    e);
        }
        return new LmsdbException(
                "Cannot connect to PostgreSQL at " + where + ": " + firstLine(e.getMessage())
                        + (state.isEmpty() ? "" : " (SQL state " + state + ")") + ".",
                "  Check -Dlmsdb.url, -Dlmsdb.user and the server's log.",
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
