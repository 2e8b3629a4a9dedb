package io.github.lmsdb.core;

import io.github.lmsdb.core.config.Settings;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.migrate.MigrationService;
import io.github.lmsdb.core.migrate.MigrationStatus;
import io.github.lmsdb.core.report.StatusReport;
import java.sql.SQLException;

/**
 * The plugin's operations on one database, for one resolved configuration. Maven-free: a CLI or
 * another build tool can drive it the same way the Mojos do.
 */
public final class Lmsdb implements AutoCloseable {
    private final Settings settings;
    private final DatabaseGateway gateway;
    private final MigrationService migrations;

    private Lmsdb(Settings settings, DatabaseGateway gateway) {
        this.settings = settings;
        this.gateway = gateway;
        this.migrations = new MigrationService(gateway, settings.schemas(), settings.migrationsDirectory());
    }

    /** Connects to the configured database. */
    public static Lmsdb open(Settings settings) throws LmsdbException {
        return new Lmsdb(settings, DatabaseGateway.connect(settings.connection()));
    }

    public Settings settings() {
        return settings;
    }

    public DatabaseGateway gateway() {
        return gateway;
    }

    public MigrationService migrations() {
        return migrations;
    }

    /** Connection, migrations and tables, read without changing anything. */
    public StatusReport status() throws LmsdbException, SQLException {
        MigrationStatus migrationStatus = migrations.status();
        return new StatusReport(
                gateway.serverInfo(),
                settings.connection().url().hostAndPort(),
                settings.embedded(),
                settings.environment(),
                settings.migrationsDirectory(),
                migrations.migrationsDirectoryExists(),
                migrationStatus,
                gateway.applicationTables(settings.schemas()));
    }

    @Override
    public void close() {
        gateway.close();
    }
}
