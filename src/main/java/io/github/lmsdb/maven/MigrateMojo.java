package io.github.lmsdb.maven;

import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.app.Options;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.migrate.MigrateResult;
import io.github.lmsdb.core.report.MigrationRenderer;
import java.sql.SQLException;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Applies all pending migrations in version order, each in its own transaction, after validating the applied ones. Planned
 * under the migration lock (a second run finds nothing to do; a dead run's lock is taken over). Sets {@code lmsdb.current}.
 * Production needs {@code -Dlmsdb.confirm=<db>@production} and refuses error-level lint findings (found on a shadow preview)
 * not acknowledged by id. On a fleet: pre-flight of all targets, the canary, then waves of {@code parallel}; production
 * confirmed once with {@code fleet-<count>-<hash>@production}. See README "Fleets". With {@code markApplied}, records the next
 * pending migration as applied without running it, once a shadow proves the database already has it (README "Drift").
 */
@Mojo(name = "migrate", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, requiresProject = false, threadSafe = true)
public final class MigrateMojo extends AbstractPreviewingMojo {
    /**
     * Preview the pending migrations on a throwaway shadow copy (see {@code shadowUrl}), statement by statement: schema changes,
     * each statement's lock and rewrite on existing tables with sizes and rows, and lint's findings with their ids; the database
     * is only read. Also settable with {@code -Dlmsdb.dryRun}.
     */
    @Parameter(property = "lmsdb.dryRun", defaultValue = "false")
    private boolean dryRun;

    /** Run all pending migrations in one transaction: all or nothing. Also settable with {@code -Dlmsdb.atomic}. */
    @Parameter(property = "lmsdb.atomic", defaultValue = "false")
    private boolean atomic;

    /** Adopt a database that predates the plugin: versions up to this one marked applied, not run. Also settable with {@code -Dlmsdb.baselineVersion}. */
    @Parameter(property = "lmsdb.baselineVersion")
    private String baselineVersion;

    /**
     * Record the next pending migration, named by its version or its name ({@code AdoptHotfix}), as applied without running it, once a shadow proves the database already
     * has what the migrations up to it make: for the database a hot fix was made on, after {@code lmsdb:drift -Dlmsdb.name=...}
     * wrote the migration that adopts it. Goes through the protocol like a migrate (lock, confirmation, backup, audit). Also
     * settable with {@code -Dlmsdb.markApplied}.
     */
    @Parameter(property = "lmsdb.markApplied")
    private String markApplied;

    @Inject
    public MigrateMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        super(decrypter, repositorySystem, embeddedServers);
    }

    @Override
    protected void run(Lmsdb lmsdb) throws LmsdbException, SQLException {
        if (markApplied != null && !markApplied.isBlank()) {
            refuseWithMarkApplied();
            print(MigrationRenderer.migrateHeader(false, console().style()));
            console().migrated(lmsdb.markApplied(new Options.MarkApplied(markApplied, backup(), confirm, shadowUrl)),
                    lmsdb.settings().environment());
            return;
        }
        print(MigrationRenderer.migrateHeader(dryRun || plans().write() != null, console().style()));
        MigrateResult result = lmsdb.migrate(options());
        console().migrated(result, lmsdb.settings().environment());
        result.latest().ifPresent(m -> project.getProperties().setProperty("lmsdb.current", m.version()));
    }

    @Override
    protected void runFleet(FleetRunner fleet) throws LmsdbException {
        if (markApplied != null && !markApplied.isBlank()) {
            throw new LmsdbException("markApplied records a migration on the one database that already has it, not on a fleet. Nothing was changed.",
                    Hint.line("Run it for that database alone: ", Hint.run("migrate", Hint.param("url"), Hint.set("markApplied", markApplied))));
        }
        fleet.migrate(options(), checkDrift, confirm);
    }

    /** markApplied records one migration as it is: nothing to preview, plan, baseline or group with it. */
    private void refuseWithMarkApplied() throws LmsdbException {
        String other = dryRun ? "dryRun" : atomic ? "atomic" : baselineVersion != null && !baselineVersion.isBlank() ? "baselineVersion"
                : plans().any() ? "a plan" : null;
        if (other != null) {
            throw new LmsdbException("markApplied cannot be combined with " + other + ": it records one migration without running it. Nothing was changed.",
                    Hint.line("Run it alone: ", Hint.run("migrate", Hint.set("markApplied", markApplied))));
        }
    }

    private Options.Migrate options() throws LmsdbException {
        return new Options.Migrate(dryRun, atomic, baselineVersion, backup(), confirm, shadowUrl, lockSafety(), plans(), acknowledged());
    }
}
