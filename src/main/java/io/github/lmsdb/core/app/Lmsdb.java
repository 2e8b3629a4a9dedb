package io.github.lmsdb.core.app;

import io.github.lmsdb.core.catalog.Scope;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.config.Settings;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.migrate.MigrationEntry;
import io.github.lmsdb.core.migrate.MigrationService;
import io.github.lmsdb.core.migrate.MigrationStatus;
import io.github.lmsdb.core.safety.AuditLog;
import io.github.lmsdb.core.safety.Policy;
import io.github.lmsdb.core.seed.SeedListener;
import io.github.lmsdb.core.seed.SeedResult;
import io.github.lmsdb.core.seed.SeedRunner;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

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

    /** The seed groups of the configured seeds directory. */
    public SeedRunner seeds() {
        return new SeedRunner(gateway, settings.schemas(), settings.seedsDirectory());
    }

    /**
     * Seeds the database, refusing a half-migrated schema.
     *
     * @throws LmsdbException listing the pending migrations when there are any
     */
    public SeedResult seed(boolean fresh, List<String> only, SeedListener listener) throws LmsdbException, SQLException {
        List<MigrationEntry> pending = migrations.status().pending();
        if (!pending.isEmpty()) {
            throw new LmsdbException(
                    "Cannot seed: " + pending.size() + " migration(s) are pending: "
                            + pending.stream().map(MigrationEntry::label).collect(Collectors.joining(", ")) + ". Nothing was changed.",
                    "  Apply them first: mvn lmsdb:migrate");
        }
        return seeds().seed(fresh, only, Policy.printsCredentials(settings.environment()), listener);
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
                Scope.of(settings.schemas()).applicationTables(gateway.connection()),
                AuditLog.stamp(gateway.connection()),
                AuditLog.latest(gateway.connection(), 5));
    }

    @Override
    public void close() {
        gateway.close();
    }
}
