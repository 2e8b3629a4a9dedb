package io.github.lmsdb.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the database. The password is kept out of {@link #toString()} so that no log line or
 * debug dump of this record can show it.
 *
 * @param url where the server is and which database
 * @param user the database user
 * @param password the password, or {@code null} when none is configured (trust or peer auth)
 * @param passwordSource where the password came from, for authentication errors
 * @param serverId the settings.xml server id the credentials came from, or {@code null}
 * @param connectTimeout how long to wait for the server to answer
 * @param applicationName how this run's sessions show in {@code pg_stat_activity} ({@code lmsdb:<goal>:<run id>})
 */
public record ConnectionSettings(
        JdbcUrl url, String user, String password, PasswordSource passwordSource, String serverId, Duration connectTimeout,
        String applicationName) {
    /** How sessions show when no run named them. */
    public static final String DEFAULT_APPLICATION_NAME = "lmsdb-maven-plugin";

    public ConnectionSettings(JdbcUrl url, String user, String password, PasswordSource passwordSource, String serverId, Duration connectTimeout) {
        this(url, user, password, passwordSource, serverId, connectTimeout, DEFAULT_APPLICATION_NAME);
    }

    public ConnectionSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordSource, "passwordSource");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (applicationName == null || applicationName.isBlank()) {
            applicationName = DEFAULT_APPLICATION_NAME;
        }
    }

    /** The same credentials against another server or database. */
    public ConnectionSettings withUrl(JdbcUrl newUrl) {
        return new ConnectionSettings(newUrl, user, password, passwordSource, serverId, connectTimeout, applicationName);
    }

    /** The same connection, named for this run in {@code pg_stat_activity}. */
    public ConnectionSettings withApplicationName(String name) {
        return new ConnectionSettings(url, user, password, passwordSource, serverId, connectTimeout, name);
    }

    public boolean hasPassword() {
        return password != null && !password.isEmpty();
    }

    @Override
    public String toString() {
        return "ConnectionSettings[url=" + url + ", user=" + user + ", password=" + (hasPassword() ? "****" : "<none>")
                + ", passwordSource=" + passwordSource + ", serverId=" + serverId + ", connectTimeout=" + connectTimeout + ", applicationName=" + applicationName + "]";
    }
}
