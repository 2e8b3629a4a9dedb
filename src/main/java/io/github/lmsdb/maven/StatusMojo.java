package io.github.lmsdb.maven;

import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.app.Options;
import io.github.lmsdb.core.app.StatusReport;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.report.StatusRenderer;
import io.github.lmsdb.core.report.Style;
import java.sql.SQLException;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Shows the connection, the migrations (total, executed, pending, last; missing files and failed ones), the application
 * tables, the database size, who holds the migration lock, and the leftovers of interrupted runs (unfinished backups,
 * temporary restore and shadow databases, databases a restore kept aside) with their sizes, whether their run is dead, and
 * the command that removes each; with {@code checkDrift}, whether the database drifted from its migrations. On a fleet
 * ({@code targets}, {@code targetsQuery}, {@code targetSchemas}): one line per target (version, pending, drift, size, stamp),
 * unreadable and most-pending first, with the totals; {@code failOnPending} fails when any target has pending migrations. Changes nothing.
 */
@Mojo(name = "status", requiresProject = false, threadSafe = true)
public final class StatusMojo extends AbstractLmsdbMojo {
    /** Fail the build when migrations are pending. Also settable with {@code -Dlmsdb.failOnPending}. */
    @Parameter(property = "lmsdb.failOnPending", defaultValue = "false")
    private boolean failOnPending;

    @Inject
    public StatusMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        super(decrypter, repositorySystem, embeddedServers);
    }

    @Override
    protected void run(Lmsdb lmsdb) throws LmsdbException, SQLException {
        boolean json = Options.Format.parse(format) == Options.Format.JSON;
        StatusReport report = lmsdb.status(checkDrift);
        if (json) {
            console().publishDocument(StatusRenderer.json(report), output, "Status report");
        } else {
            console().publish(StatusRenderer.text(report, output == null ? console().style() : Style.PLAIN, MavenWords.INSTANCE), output, "Status report");
        }
        if (failOnPending) {
            report.requireNothingPending();
        }
    }

    @Override
    protected void runFleet(FleetRunner fleet) throws LmsdbException {
        fleet.status(checkDrift, failOnPending);
    }
}
