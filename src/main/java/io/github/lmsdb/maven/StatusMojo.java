package io.github.lmsdb.maven;

import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.app.StatusReport;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.io.AtomicFile;
import io.github.lmsdb.core.report.StatusRenderer;
import io.github.lmsdb.core.report.Style;
import java.io.File;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Shows the connection, the migrations (total, executed, pending, last; missing files and failed
 * ones), the application tables, the database size, who holds the migration lock, and the leftovers
 * of interrupted runs (unfinished backups, temporary restore and shadow databases, databases a
 * restore kept aside) with their sizes, whether their run is dead, and the command that removes
 * each. Changes nothing.
 */
@Mojo(name = "status", requiresProject = false, threadSafe = true)
public final class StatusMojo extends AbstractLmsdbMojo {
    /** {@code text} (the report) or {@code json} (one document, for pipelines). Also settable with {@code -Dlmsdb.format}. */
    @Parameter(property = "lmsdb.format", defaultValue = "text")
    private String format;

    /**
     * Write the report to this file instead of the log (with {@code format=json}, a file a pipeline
     * can parse). Also settable with {@code -Dlmsdb.output}.
     */
    @Parameter(property = "lmsdb.output")
    private File output;

    /** Fail the build when migrations are pending. Also settable with {@code -Dlmsdb.failOnPending}. */
    @Parameter(property = "lmsdb.failOnPending", defaultValue = "false")
    private boolean failOnPending;

    @Inject
    public StatusMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        super(decrypter, repositorySystem, embeddedServers);
    }

    @Override
    protected void run(Lmsdb lmsdb) throws LmsdbException, SQLException {
        boolean json = switch (choice(format)) {
            case "text" -> false;
            case "json" -> true;
            default -> throw new LmsdbException("Unknown format '" + format + "'. Allowed values: text, json.",
                    Hint.line("Set it with ", Hint.set("format", "json")));
        };
        StatusReport report = lmsdb.status();
        if (output != null) {
            String content = json ? StatusRenderer.json(report) : String.join("\n", StatusRenderer.text(report, Style.PLAIN, MavenWords.INSTANCE));
            try {
                AtomicFile.write(output.toPath(), content + "\n");
            } catch (IOException e) {
                throw new LmsdbException("Cannot write the report to " + output + ": " + e.getMessage(),
                        Hint.line("Choose a writable file with ", Hint.set("output", "target/status.json")), e);
            }
            getLog().info("Status report written to " + output);
        } else {
            print(json ? List.of(StatusRenderer.json(report)) : StatusRenderer.text(report, console().style(), MavenWords.INSTANCE));
        }
        if (failOnPending) {
            report.requireNothingPending();
        }
    }
}
