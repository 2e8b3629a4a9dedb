package io.github.lmsdb.maven;

import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.app.Options;
import io.github.lmsdb.core.drift.DriftReport;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.report.DriftRenderer;
import io.github.lmsdb.core.report.Style;
import java.sql.SQLException;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Compares the database with what its applied migrations build (replayed in a shadow database), lists each difference from the
 * database's point of view and fails when it drifted; with {@code name}, writes a migration and undo adopting it. Changes nothing.
 */
@Mojo(name = "drift", requiresProject = false, threadSafe = true)
public final class DriftMojo extends AbstractLmsdbMojo {
    /** Fail the build when the database drifted (and no adopting migration was written). Also settable with {@code -Dlmsdb.failOnDrift}. */
    @Parameter(property = "lmsdb.failOnDrift", defaultValue = "true")
    private boolean failOnDrift;

    /** Write a migration so named (e.g. {@code AdoptHotfix}) that adopts the drift, with its undo. Also settable with {@code -Dlmsdb.name}. */
    @Parameter(property = "lmsdb.name")
    private String name;

    /** The server where the migrations are replayed; see {@code migrate}'s {@code shadowUrl}. Also settable with {@code -Dlmsdb.shadowUrl}. */
    @Parameter(property = "lmsdb.shadowUrl")
    private String shadowUrl;
    @Inject
    public DriftMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        super(decrypter, repositorySystem, embeddedServers);
    }

    @Override
    protected void run(Lmsdb lmsdb) throws LmsdbException, SQLException {
        DriftReport report = lmsdb.drift(new Options.Drift(shadowUrl, name));
        if (Options.Format.parse(format) == Options.Format.JSON) {
            console().publishDocument(DriftRenderer.json(report), output, "Drift report");
        } else {
            Style style = output == null ? console().style() : Style.PLAIN;
            console().publish(DriftRenderer.text(report, project.getBasedir().toPath(), style, MavenWords.INSTANCE), output, "Drift report");
        }
        if (failOnDrift) {
            report.requireNone();
        }
    }

    @Override
    protected void runFleet(FleetRunner fleet) throws LmsdbException {
        fleet.drift(new Options.Drift(shadowUrl, name), failOnDrift);
    }
}
