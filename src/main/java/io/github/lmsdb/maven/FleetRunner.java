package io.github.lmsdb.maven;

import io.github.lmsdb.core.app.Options;
import io.github.lmsdb.core.app.RunContext;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.backup.BackupService;
import io.github.lmsdb.core.fleet.Fleet;
import io.github.lmsdb.core.fleet.FleetBackupReport;
import io.github.lmsdb.core.fleet.FleetDriftReport;
import io.github.lmsdb.core.fleet.FleetMigrateReport;
import io.github.lmsdb.core.fleet.FleetStatusReport;
import io.github.lmsdb.core.fleet.Target;
import io.github.lmsdb.core.report.FleetRenderer;
import io.github.lmsdb.core.report.Style;
import java.util.List;

/**
 * A goal on a fleet, so that the goal Mojos stay parameter holders: the fleet's options from the shared parameters, the
 * goal run on every target through core's {@link Fleet}, and the report published as {@code format} and {@code output}
 * say (the summary in the log; with {@code json}, the per-target document to {@code output} or else standard output).
 */
final class FleetRunner {
    private final AbstractLmsdbMojo mojo;
    private final List<Target> targets;
    private final RunContext run;

    FleetRunner(AbstractLmsdbMojo mojo, List<Target> targets, RunContext run) {
        this.mojo = mojo;
        this.targets = List.copyOf(targets);
        this.run = run;
    }

    String goal() {
        return run.goal();
    }

    /** One line per target; with {@code failOnPending}, fails when a target has pending migrations or cannot be read. */
    void status(boolean checkDrift, boolean failOnPending) throws LmsdbException {
        FleetStatusReport report = fleet(checkDrift, null).status();
        publish(FleetRenderer.statusText(report, style()), FleetRenderer.statusJson(report, Fleet.confirmation(targets), MavenWords.INSTANCE),
                "Fleet status");
        if (failOnPending) {
            report.requireNothingPending();
        }
    }

    /** Pre-flight, canary, waves; fails when a target failed or was not started. */
    void migrate(Options.Migrate options, boolean checkDrift, String confirm) throws LmsdbException {
        FleetMigrateReport report = fleet(checkDrift, confirm).migrate(options);
        publish(FleetRenderer.migrateText(report, style()), FleetRenderer.migrateJson(report, MavenWords.INSTANCE), "Fleet report");
        report.requireSuccess();
    }

    /** Each target's drift; with {@code failOnDrift}, fails when a target drifted or could not be checked. */
    void drift(Options.Drift options, boolean failOnDrift) throws LmsdbException {
        FleetDriftReport report = fleet(false, null).drift(options);
        publish(FleetRenderer.driftText(report, style()), FleetRenderer.driftJson(report, MavenWords.INSTANCE), "Fleet drift report");
        if (failOnDrift) {
            report.requireNone();
        }
    }

    /** A backup of each database of the fleet, {@code parallel} at a time; fails when one failed. */
    void backup(BackupService.Options options) throws LmsdbException {
        FleetBackupReport report = fleet(false, null).backup(options);
        publish(FleetRenderer.backupText(report, style()), FleetRenderer.backupJson(report, MavenWords.INSTANCE), "Fleet backup report");
        report.requireSuccess();
    }

    private Fleet fleet(boolean checkDrift, String confirm) throws LmsdbException {
        return new Fleet(targets, run, mojo.console(), FleetTargets.options(mojo, checkDrift, confirm));
    }

    private Style style() {
        return mojo.output == null ? mojo.console().style() : Style.PLAIN;
    }

    private void publish(List<String> text, String json, String what) throws LmsdbException {
        mojo.console().fleetReport(text, json, Options.Format.parse(mojo.format) == Options.Format.JSON, mojo.output, what);
    }
}
