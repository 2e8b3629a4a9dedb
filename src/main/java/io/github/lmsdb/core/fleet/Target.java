package io.github.lmsdb.core.fleet;

import io.github.lmsdb.core.config.JdbcUrl;
import io.github.lmsdb.core.config.Settings;
import java.util.Objects;

/**
 * One member of a fleet: a database, or one schema of a database (its migrations, history table and
 * tables live in that schema). Its settings carry its own connection and credentials.
 *
 * @param name how the target shows in lines and reports: {@code host:port/database}, or
 *     {@code host:port/database/schema} for a schema target (never a password or URL parameter)
 * @param settings its connection and managed schemas (a schema target manages that one schema)
 * @param schema the schema of a schema target, or null for a whole database
 */
public record Target(String name, Settings settings, String schema) {
    public Target {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(settings, "settings");
    }

    /** A whole database, named by the server it connects to. */
    public static Target database(Settings settings) {
        return database(settings.connection().url(), settings);
    }

    /**
     * A whole database, named by its URL as configured, not by where {@code settings} connect: with the embedded server they
     * connect to its port, which changes from build to build, and the name (and so the fleet's confirmation) must not.
     */
    public static Target database(JdbcUrl configured, Settings settings) {
        return new Target(nameOf(configured), settings, null);
    }

    /** One schema of the database {@code settings} reaches: it alone is managed, its history table in it. */
    public static Target schema(Settings settings, String schema) {
        return schema(settings.connection().url(), settings, schema);
    }

    /** As {@link #schema(Settings, String)}, named by the database's URL as configured (see {@link #database(JdbcUrl, Settings)}). */
    public static Target schema(JdbcUrl configured, Settings settings, String schema) {
        Settings own = new Settings(settings.connection(), java.util.List.of(schema), settings.migrationsDirectory(),
                settings.seedsDirectory(), settings.schemaDirectory(), settings.backupDirectory(), settings.environment(), settings.embedded());
        return new Target(nameOf(configured) + "/" + schema, own, schema);
    }

    /** {@code host:port/database}: no user, password or URL parameter. */
    private static String nameOf(JdbcUrl url) {
        return url.hostAndPort() + "/" + url.database();
    }

    /** The name of the target's database: its own name, or for a schema target the name without the schema. */
    public String databaseName() {
        return schema == null ? name : name.substring(0, name.length() - schema.length() - 1);
    }

    public String database() {
        return settings.connection().url().database();
    }
}
