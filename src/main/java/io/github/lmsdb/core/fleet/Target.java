package io.github.lmsdb.core.fleet;

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

    /** A whole database. */
    public static Target database(Settings settings) {
        return new Target(settings.connection().url().hostAndPort() + "/" + settings.connection().url().database(), settings, null);
    }

    /** One schema of the database {@code settings} reaches: it alone is managed, its history table in it. */
    public static Target schema(Settings settings, String schema) {
        Settings own = new Settings(settings.connection(), java.util.List.of(schema), settings.migrationsDirectory(),
                settings.seedsDirectory(), settings.schemaDirectory(), settings.backupDirectory(), settings.environment(), settings.embedded());
        return new Target(settings.connection().url().hostAndPort() + "/" + settings.connection().url().database() + "/" + schema, own, schema);
    }

    public String database() {
        return settings.connection().url().database();
    }
}
