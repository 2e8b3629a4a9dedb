package io.github.lmsdb.maven;

import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.app.Options;
import io.github.lmsdb.core.app.RunContext;
import io.github.lmsdb.core.fleet.Fleet;
import io.github.lmsdb.core.fleet.FleetMigrateReport;
import io.github.lmsdb.core.fleet.Target;
import io.github.lmsdb.core.report.FleetRenderer;
import io.github.lmsdb.core.report.Style;
import java.io.File;
import java.util.List;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.migrate.MigrateResult;
import io.github.lmsdb.core.migrate.MigrationEntry;
import io.github.lmsdb.core.report.MigrationRenderer;
import java.sql.SQLException;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Applies all pending migrations in version order, each in its own transaction, showing what is pending and the time each
 * took, after validating the applied ones. Planned under the migration lock: of two runs at once the second finds nothing to
 * do (audited as {@code nothing to apply}); a lock held by a dead run's server process is taken over. Sets the project
 * property {@code lmsdb.current}. Production (or a production-stamped database) needs {@code -Dlmsdb.confirm=<db>@production}.
 * On a fleet ({@code targets}, {@code targetsQuery}, {@code targetSchemas}): pre-flight of every target, refusing the run before
 * any change when one fails; the canary, then waves of {@code parallel}; each target through the same protocol; up-to-date
 * targets skipped. Production targets need one confirmation for the fleet, {@code fleet-<count>-<hash>@production}.
 */
@Mojo(name = "migrate", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, requiresProject = false, threadSafe = true)
public final class MigrateMojo extends AbstractPreviewingMojo {
    /**
     * Preview the pending migrations and change nothing: they run on a throwaway shadow copy of the database's schema (see
     * {@code shadowUrl}), statement by statement, and the preview shows each migration's schema changes and, for the
     * database's existing tables, the lock each statement takes and whether it rewrites the table, with the table's size and
     * estimated rows. The database itself is only read. Also settable with {@code -Dlmsdb.dryRun}.
     */
    @Parameter(property = "lmsdb.dryRun", defaultValue = "false")
    private boolean dryRun;

    /** Run all pending migrations in one transaction: all or nothing. Also settable with {@code -Dlmsdb.atomic}. */
    @Parameter(property = "lmsdb.atomic", defaultValue = "false")
    private boolean atomic;

    /**
     * Adopt a database that predates the plugin: mark versions up to this one as applied without running them, once, before
     * migrating. Also settable with {@code -Dlmsdb.baselineVersion}.
     */
    @Parameter(property = "lmsdb.baselineVersion")
    private String baselineVersion;

    /** On a fleet: {@code text} (the summary table) or {@code json} (a per-target report). Also settable with {@code -Dlmsdb.format}. */
    @Parameter(property = "lmsdb.format", defaultValue = "text")
    private String format;

    /** On a fleet: write the report to this file (with {@code json}: instead of standard output). Also settable with {@code -Dlmsdb.output}. */
    @Parameter(property = "lmsdb.output")
    private File output;

    /** On a fleet: pre-flight also checks each target for drift, and a drifted target stops the run. Also settable with {@code -Dlmsdb.checkDrift}. */
    @Parameter(property = "lmsdb.checkDrift", defaultValue = "false")
    private boolean checkDrift;

    @Inject
    public MigrateMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        super(decrypter, repositorySystem, embeddedServers);
    }

    @Override
    protected void run(Lmsdb lmsdb) throws LmsdbException, SQLException {
        print(MigrationRenderer.migrateHeader(dryRun || plans().write() != null, console().style()));
        MigrateResult result = lmsdb.migrate(options());
        console().migrated(result, lmsdb.settings().environment());
        result.latest().map(MigrationEntry::version).ifPresent(v -> project.getProperties().setProperty("lmsdb.current", v));
    }

    @Override
    protected void runFleet(List<Target> fleet, RunContext run) throws LmsdbException {
        FleetMigrateReport report = new Fleet(fleet, run, console(), FleetTargets.options(this, checkDrift, confirm)).migrate(options());
        console().fleetReport(FleetRenderer.migrateText(report, output == null ? console().style() : Style.PLAIN),
                FleetRenderer.migrateJson(report, MavenWords.INSTANCE), Options.Format.parse(format) == Options.Format.JSON, output, "Fleet report");
        report.requireSuccess();
    }

    private Options.Migrate options() throws LmsdbException {
        return new Options.Migrate(dryRun, atomic, baselineVersion, backup(), confirm, shadowUrl, lockSafety(), plans());
    }
}
