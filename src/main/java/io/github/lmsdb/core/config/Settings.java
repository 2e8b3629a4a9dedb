package io.github.lmsdb.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything a goal needs, resolved from the build configuration, its properties, settings.xml and
 * the environment, after the embedded server (if any) has replaced the URL's host and port.
 */
public record Settings(
        ConnectionSettings connection,
        List<String> schemas,
        Path migrationsDirectory,
        Path seedsDirectory,
        Path schemaDirectory,
        Path backupDirectory,
        Environment environment,
        boolean embedded) {

    public Settings {
        Objects.requireNonNull(connection, "connection");
        schemas = List.copyOf(schemas);
        if (schemas.isEmpty()) {
            throw new IllegalArgumentException("at least one schema");
        }
        Objects.requireNonNull(environment, "environment");
    }

    /** The schema of the migration history table (the first managed one): its migration lock is this target's. */
    public String historySchema() {
        return schemas.get(0);
    }

    public Settings withConnection(ConnectionSettings newConnection) {
        return new Settings(newConnection, schemas, migrationsDirectory, seedsDirectory, schemaDirectory, backupDirectory, environment, embedded);
    }
}
