package io.github.lmsdb.core.migrate;

import io.github.lmsdb.core.LmsdbException;
import io.github.lmsdb.core.db.DatabaseGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

/** Versioned migrations over Flyway Community: Flyway owns the history table; this class owns what users see. */
public final class MigrationService {
    private final DatabaseGateway gateway;
    private final List<String> schemas;
    private final Path migrationsDirectory;

    public MigrationService(DatabaseGateway gateway, List<String> schemas, Path migrationsDirectory) {
        this.gateway = gateway;
        this.schemas = List.copyOf(schemas);
        this.migrationsDirectory = migrationsDirectory;
    }

    public Path migrationsDirectory() {
        return migrationsDirectory;
    }

    /** Files and history together, read without changing anything. */
    public MigrationStatus status() throws LmsdbException {
        List<MigrationEntry> entries = new ArrayList<>();
        try {
            for (MigrationInfo info : flyway().info().all()) {
                if (!info.isVersioned()) {
                    continue;
                }
                MigrationEntry.State state = switch (info.getState()) {
                    case SUCCESS, BASELINE -> MigrationEntry.State.APPLIED;
                    case PENDING, ABOVE_TARGET, UNDONE, AVAILABLE, OUTDATED -> MigrationEntry.State.PENDING;
                    case MISSING_SUCCESS, FUTURE_SUCCESS -> MigrationEntry.State.MISSING;
                    case FAILED, MISSING_FAILED, FUTURE_FAILED -> MigrationEntry.State.FAILED;
                    case IGNORED, OUT_OF_ORDER -> MigrationEntry.State.IGNORED;
                    case BELOW_BASELINE, BASELINE_IGNORED -> MigrationEntry.State.BELOW_BASELINE;
                    case SUPERSEDED, DELETED -> null;
                };
                if (state == null) {
                    continue;
                }
                String flywayState = info.getState().name();
                boolean fileGone = flywayState.startsWith("MISSING") || flywayState.startsWith("FUTURE");
                entries.add(new MigrationEntry(
                        info.getVersion().getVersion(),
                        info.getDescription(),
                        state,
                        fileGone ? null : info.getScript(),
                        info.getInstalledOn() == null ? null : info.getInstalledOn().toInstant()));
            }
        } catch (FlywayException e) {
            throw new LmsdbException(
                    "Cannot read the migration status: " + e.getMessage(),
                    "  Check the migrations directory (-Dlmsdb.migrationsDirectory, now " + migrationsDirectory + ").",
                    e);
        }
        return new MigrationStatus(entries);
    }

    Flyway flyway() {
        return Flyway.configure(MigrationService.class.getClassLoader())
                .dataSource(gateway.dataSource())
                .schemas(schemas.toArray(String[]::new))
                .locations(location())
                .loggers(FlywayLogCreator.class.getName())
                .validateMigrationNaming(false)
                .connectRetries(0)
                .load();
    }

    private String location() {
        return "filesystem:" + migrationsDirectory.toAbsolutePath();
    }

    /** Whether the migrations directory exists (a status report says so when it does not). */
    public boolean migrationsDirectoryExists() {
        return Files.isDirectory(migrationsDirectory);
    }
}
