package io.github.lmsdb.core.config;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Decides which user and password to connect with, in the documented order: the plugin
 * configuration, then the settings.xml server, then {@code PGPASSWORD}, then the password file.
 */
public final class Credentials {
    private Credentials() {}

    /** A user and password with where the password came from. */
    public record Resolved(String user, String password, PasswordSource source) {
        @Override
        public String toString() {
            return "Resolved[user=" + user + ", password=" + (password == null ? "<none>" : "****") + ", source=" + source + "]";
        }
    }

    /**
     * @param configuredUser user from the plugin configuration (never null, has a default)
     * @param userExplicit whether the user was set by the user rather than defaulted
     * @param configuredPassword password from the plugin configuration, or null
     * @param serverId the settings.xml server id, or null
     * @param serverUser that server's username, or null
     * @param serverPassword that server's decrypted password, or null
     * @param pgPassword the {@code PGPASSWORD} environment variable, or null
     * @param pgPassFile the password file to consult
     */
    public static Resolved resolve(
            String configuredUser,
            boolean userExplicit,
            String configuredPassword,
            String serverId,
            String serverUser,
            String serverPassword,
            String pgPassword,
            Path pgPassFile,
            JdbcUrl url)
            throws LmsdbException {
        boolean configured = configuredPassword != null && !configuredPassword.isEmpty();
        if (serverId != null && !serverId.isBlank()) {
            if (configured) {
                throw new LmsdbException(
                        "Credentials are given twice: a password in the plugin configuration and the settings.xml server '"
                                + serverId + "'.",
                        Hint.line("Keep one: remove <password> / ", Hint.param("password"), ", or remove ", Hint.param("serverId"), " / <serverId>."));
            }
            if (userExplicit && serverUser != null && !serverUser.equals(configuredUser)) {
                throw new LmsdbException(
                        "Credentials are given twice: user '" + configuredUser + "' in the plugin configuration and user '"
                                + serverUser + "' in the settings.xml server '" + serverId + "'.",
                        Hint.line("Keep one: remove <user> / ", Hint.param("user"), ", or remove ", Hint.param("serverId"), " / <serverId>."));
            }
            String user = serverUser != null ? serverUser : configuredUser;
            if (serverPassword != null && !serverPassword.isEmpty()) {
                return new Resolved(user, serverPassword, PasswordSource.SETTINGS_SERVER);
            }
            // A server entry with only a username: the password may still come from the environment.
            return fromEnvironment(user, pgPassword, pgPassFile, url);
        }
        if (configured) {
            return new Resolved(configuredUser, configuredPassword, PasswordSource.CONFIGURATION);
        }
        return fromEnvironment(configuredUser, pgPassword, pgPassFile, url);
    }

    private static Resolved fromEnvironment(String user, String pgPassword, Path pgPassFile, JdbcUrl url) {
        if (pgPassword != null && !pgPassword.isEmpty()) {
            return new Resolved(user, pgPassword, PasswordSource.PGPASSWORD);
        }
        Optional<String> fromFile = PgPassFile.read(pgPassFile).find(url.bareHost(), url.port(), url.database(), user);
        return fromFile
                .map(p -> new Resolved(user, p, PasswordSource.PGPASS_FILE))
                .orElseGet(() -> new Resolved(user, null, PasswordSource.NONE));
    }
}
