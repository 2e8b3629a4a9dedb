package io.github.lmsdb.core.db;

import io.github.lmsdb.core.config.ConnectionSettings;
import java.util.regex.Pattern;

/**
 * A PostgreSQL client command line for a hint ({@code psql}, {@code pg_restore}, {@code createdb},
 * {@code dropdb}), always with the real host, port and user, so that a copied command reaches the
 * same server as the plugin did, never a default one. Names that a shell would split are quoted.
 */
public final class ClientCommand {
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ClientCommand() {}

    /** {@code tool -h host -p port -U user} followed by {@code rest}, each shell-quoted when needed. */
    public static String of(String tool, ConnectionSettings connection, String... rest) {
        StringBuilder s = new StringBuilder(tool)
                .append(" -h ").append(shell(connection.url().bareHost()))
                .append(" -p ").append(connection.url().port())
                .append(" -U ").append(shell(connection.user()));
        for (String part : rest) {
            s.append(' ').append(part);
        }
        return s.toString();
    }

    /** A word as a POSIX shell reads it back: as is when safe, else in single quotes. */
    public static String shell(String word) {
        if (!word.isEmpty() && SHELL_SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
