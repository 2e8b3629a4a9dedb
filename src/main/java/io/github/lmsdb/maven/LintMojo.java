package io.github.lmsdb.maven;

import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.app.Options;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.lint.LintReport;
import io.github.lmsdb.core.report.LintRenderer;
import io.github.lmsdb.core.report.Style;
import java.sql.SQLException;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Lints the pending migrations: each is previewed on a shadow copy (locks taken, tables rewritten) and checked against the
 * database's table sizes, read-only; each finding names its rule, its evidence and the safer rewrite. Changes nothing.
 */
@Mojo(name = "lint", requiresProject = false, threadSafe = true)
public final class LintMojo extends AbstractLmsdbMojo {
    /** Also lint the applied migrations (by their text). Also settable with {@code -Dlmsdb.lintAll}. */
    @Parameter(property = "lmsdb.lintAll", defaultValue = "false")
    private boolean lintAll;

    /** Fail the build on findings of this severity or above: {@code error}, {@code warning} or {@code none}. Also settable with {@code -Dlmsdb.failOn}. */
    @Parameter(property = "lmsdb.failOn", defaultValue = "error")
    private String failOn;

    /** The server where the pending migrations are previewed; see {@code migrate}'s {@code shadowUrl}. Also settable with {@code -Dlmsdb.shadowUrl}. */
    @Parameter(property = "lmsdb.shadowUrl")
    private String shadowUrl;

    @Inject
    public LintMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        super(decrypter, repositorySystem, embeddedServers);
    }

    @Override
    protected void run(Lmsdb lmsdb) throws LmsdbException, SQLException {
        Options.Lint.Format as = Options.Lint.Format.parse(format);
        Options.Lint.FailOn threshold = Options.Lint.FailOn.parse(failOn);
        LintReport report = lmsdb.lint(new Options.Lint(lintAll, shadowUrl));
        switch (as) {
            case JSON -> console().publishDocument(LintRenderer.json(report), output, "Lint report");
            case SARIF -> console().publishDocument(LintRenderer.sarif(report, project.getBasedir().toPath()), output, "Lint report");
            default -> console().publish(LintRenderer.text(report, output == null ? console().style() : Style.PLAIN), output, "Lint report");
        }
        report.requireBelow(threshold.severity());
    }
}
