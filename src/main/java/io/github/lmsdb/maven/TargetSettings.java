package io.github.lmsdb.maven;

import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.config.Credentials;
import io.github.lmsdb.core.config.Environment;
import io.github.lmsdb.core.config.JdbcUrl;
import io.github.lmsdb.core.config.PasswordSource;
import io.github.lmsdb.core.config.PgPassFile;
import io.github.lmsdb.core.config.Settings;
import io.github.lmsdb.core.db.EmbeddedBinaries;
import io.github.lmsdb.core.db.EmbeddedServer;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** A goal's parameters, settings.xml and the environment resolved into the core's {@link Settings}. */
final class TargetSettings {
    private TargetSettings() {}

    /** POM and {@code -D} parameters, then the settings.xml server, then PGPASSWORD and ~/.pgpass. */
    static Settings resolve(AbstractLmsdbMojo m, SettingsDecrypter decrypter) throws LmsdbException {
        return resolve(m, decrypter, JdbcUrl.parse(m.url), m.serverId);
    }

    /**
     * A fleet target's settings, from the same sources as {@code url}'s, matched on the target: a {@code serverId} holding
     * {@code {database}} or {@code {host}} names a settings.xml server per target, and ~/.pgpass is matched on the
     * target's host, port and database. Each target's password is resolved for it alone.
     */
    static Settings resolveTarget(AbstractLmsdbMojo m, SettingsDecrypter decrypter, JdbcUrl target) throws LmsdbException {
        String serverId = m.serverId == null ? null
                : m.serverId.replace("{database}", target.database()).replace("{host}", target.bareHost());
        return embeddedIfAsked(m, resolve(m, decrypter, target, serverId));
    }

    private static Settings resolve(AbstractLmsdbMojo m, SettingsDecrypter decrypter, JdbcUrl jdbcUrl, String serverId) throws LmsdbException {
        Environment env = Environment.parse(m.environment);
        if (m.connectTimeout <= 0) {
            throw new LmsdbException("Invalid connectTimeout " + m.connectTimeout + ": it must be a number of seconds above 0.",
                    Hint.line("Set it with ", Hint.set("connectTimeout", "10")));
        }
        ServerCredentials server = ServerCredentials.of(serverId, m.session, decrypter);
        boolean userGiven = m.user != null && !m.user.isBlank();
        Credentials.Resolved credentials = Credentials.resolve(
                userGiven ? m.user : (server.user() != null ? server.user() : "postgres"), userGiven,
                m.password == null || m.password.isEmpty() ? null : m.password.reveal(), serverId, server.user(), server.password(),
                System.getenv("PGPASSWORD"), PgPassFile.defaultLocation(System.getenv("PGPASSFILE"), System.getProperty("user.home")), jdbcUrl);
        ConnectionSettings connection = new ConnectionSettings(
                jdbcUrl, credentials.user(), credentials.password(), credentials.source(), serverId, Duration.ofSeconds(m.connectTimeout));
        List<String> schemaList = m.schemas == null || m.schemas.isEmpty() ? List.of("public") : m.schemas.stream().map(String::trim).toList();
        return new Settings(connection, schemaList, m.migrationsDirectory.toPath(), m.seedsDirectory.toPath(), m.schemaDirectory.toPath(),
                m.backupDirectory.toPath(), env, m.embedded);
    }

    /**
     * With {@code embedded} on (or a server started by {@code lmsdb:start} earlier in this build),
     * the connection goes to the embedded server, as its superuser, to the database named in the URL.
     */
    static Settings embeddedIfAsked(AbstractLmsdbMojo m, Settings settings) throws LmsdbException {
        if (!m.embedded && !m.alwaysEmbedded() && !m.embeddedServers.isRunning(m.embeddedDataDirectory.toPath())) {
            return settings;
        }
        String version = EmbeddedBinaries.fullVersion(m.embeddedVersion);
        EmbeddedServers.Started started = m.embeddedServers.obtain(m.embeddedDataDirectory.toPath(),
                () -> BinariesResolver.resolve(m.repositorySystem, m.session.getRepositorySession(), m.project.getRemoteProjectRepositories(), version),
                m.embeddedPort);
        EmbeddedServer server = started.server();
        if (started.startedNow()) {
            m.getLog().info("Embedded PostgreSQL " + version + " started on " + server.host() + ":" + server.port()
                    + " (data: " + m.relative(m.embeddedDataDirectory) + ")");
        }
        ConnectionSettings c = settings.connection();
        try {
            if (server.ensureDatabase(c.url().database())) {
                m.getLog().info("Created database " + c.url().database() + " on the embedded server.");
            }
        } catch (SQLException e) {
            throw new LmsdbException("Cannot create database '" + c.url().database() + "' on the embedded server: " + e.getMessage(),
                    Hint.line("Check the database name in ", Hint.param("url"), "."), e);
        }
        ConnectionSettings local = new ConnectionSettings(
                c.url().at(server.host(), server.port()), EmbeddedServer.SUPERUSER, null, PasswordSource.NONE, null, c.connectTimeout());
        return new Settings(local, settings.schemas(), settings.migrationsDirectory(), settings.seedsDirectory(),
                settings.schemaDirectory(), settings.backupDirectory(), settings.environment(), true);
    }

    /**
     * An embedded PostgreSQL of the target's major, started once per build in its own data directory
     * beside the embedded server's ({@code shadow-<major>}), for shadow databases: previews' when the
     * target's server cannot hold them, generate's always unless {@code shadowUrl} names a server. Its
     * data is throwaway, so it runs with fsync, full-page writes and synchronous commit off
     * ({@link EmbeddedServer#THROWAWAY}); the development server, which holds the user's data, never does.
     */
    static ConnectionSettings embeddedShadow(AbstractLmsdbMojo m, int major) throws LmsdbException {
        String version;
        try {
            version = EmbeddedBinaries.fullVersion(Integer.toString(major));
        } catch (LmsdbException noSuchMajor) {
            return null;
        }
        java.nio.file.Path dir = m.embeddedDataDirectory.toPath().resolveSibling("shadow-" + major);
        if (!m.embeddedServers.isRunning(dir)) {
            io.github.lmsdb.core.db.MemoryTablespace.recreateMissingDirectories(dir);
        }
        EmbeddedServers.Started started = m.embeddedServers.obtain(dir,
                () -> BinariesResolver.resolve(m.repositorySystem, m.session.getRepositorySession(), m.project.getRemoteProjectRepositories(), version),
                0, EmbeddedServer.THROWAWAY);
        EmbeddedServer server = started.server();
        if (started.startedNow()) {
            m.getLog().info("Embedded PostgreSQL " + version + " started on " + server.host() + ":" + server.port()
                    + " for shadow databases, fsync off (data: " + m.relative(dir.toFile()) + ")");
        }
        return new ConnectionSettings(new JdbcUrl(server.host(), server.port(), "postgres", ""), EmbeddedServer.SUPERUSER, null,
                PasswordSource.NONE, null, Duration.ofSeconds(30));
    }
}
