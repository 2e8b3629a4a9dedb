package io.github.lmsdb.core.config;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a {@code jdbc:postgresql://host[:port]/database[?params]} URL that the plugin needs:
 * where the server is, which database, and the parameters to keep when the host changes.
 */
public record JdbcUrl(String host, int port, String database, String query) {
    public static final int DEFAULT_PORT = 5432;

    private static final Pattern URL =
            Pattern.compile("jdbc:postgresql://(\\[[^\\]]+\\]|[^:/?]+)?(?::(\\d+))?/([^?]*)(?:\\?(.*))?");

    public static JdbcUrl parse(String url) throws LmsdbException {
        Matcher m = url == null ? null : URL.matcher(url.trim());
        if (m == null || !m.matches() || m.group(3).isEmpty() || !validPort(m.group(2))) {
            throw new LmsdbException(
                    "Invalid database URL '" + redact(url) + "'. Expected jdbc:postgresql://host:port/database.",
                    Hint.line("Set it with ", Hint.set("url", "jdbc:postgresql://localhost:5432/lms_db"), " or <url> in the plugin configuration."));
        }
        String host = m.group(1) == null ? "localhost" : m.group(1);
        int port = m.group(2) == null ? DEFAULT_PORT : Integer.parseInt(m.group(2));
        return new JdbcUrl(host, port, m.group(3), m.group(4) == null ? "" : m.group(4));
    }

    private static final Pattern USER_INFO = Pattern.compile("(//[^/@?]*?:)[^/@?]*@");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)((?:^|[?&;])(?:password|sslpassword)=)[^&;]*");

    /**
     * The URL as it may be shown: a password written into it ({@code //user:secret@host},
     * {@code ?password=secret}) replaced by {@code ***}. URLs come from POMs, command lines and
     * registry queries, and end up in error messages and reports.
     */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String userInfoHidden = USER_INFO.matcher(url).replaceAll("$1***@");
        return PASSWORD_PARAMETER.matcher(userInfoHidden).replaceAll("$1***");
    }

    private static boolean validPort(String port) {
        if (port == null) {
            return true;
        }
        return port.length() <= 5 && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535;
    }

    /** The same database on another server, keeping the URL parameters. */
    public JdbcUrl at(String newHost, int newPort) {
        return new JdbcUrl(newHost, newPort, database, query);
    }

    /** The same server, another database (used to reach the maintenance database {@code postgres}). */
    public JdbcUrl withDatabase(String newDatabase) {
        return new JdbcUrl(host, port, newDatabase, query);
    }

    /** The host without the brackets of an IPv6 literal ({@code [::1]} becomes {@code ::1}), as drivers and libpq want it. */
    public String bareHost() {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** {@code host:port}, as shown in reports. */
    public String hostAndPort() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + (query.isEmpty() ? "" : "?" + redact(query));
    }
}
