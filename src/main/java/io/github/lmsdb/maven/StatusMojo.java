package io.github.lmsdb.maven;

import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.migrate.MigrationEntry;
import io.github.lmsdb.core.report.StatusRenderer;
import io.github.lmsdb.core.app.StatusReport;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Shows the connection, the migrations (total, executed, pending, last; missing files and failed
 * ones), the application tables and the database size. Changes nothing.
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
    protected void run(Lmsdb lmsdb) throws LmsdbException, SQLException, MojoFailureException {
        boolean json = switch (choice(format)) {
            case "text" -> false;
            case "json" -> true;
            default -> throw new LmsdbException(
                    "Unknown format '" + format + "'. Allowed values: text, json.", "  Set it with -Dlmsdb.format=json");
        };
        StatusReport report = lmsdb.status();
        if (output != null) {
            String content = json ? StatusRenderer.json(report) + "\n"
                    : String.join("\n", StatusRenderer.text(report, io.github.lmsdb.core.report.Style.PLAIN)) + "\n";
            write(output.toPath(), content);
            getLog().info("Status report written to " + output);
        } else if (json) {
            getLog().info(StatusRenderer.json(report));
        } else {
            print(StatusRenderer.text(report, style()));
        }
        if (failOnPending && !report.migrations().pending().isEmpty()) {
            throw new LmsdbException(
                    report.migrations().pending().size() + " pending migration(s): "
                            + report.migrations().pending().stream().map(MigrationEntry::label).collect(Collectors.joining(", ")) + ".",
                    "  Apply them before this step, or run without -Dlmsdb.failOnPending=true.");
        }
    }

    /** Written under a temporary name and renamed, so a reader never sees half a report. */
    private static void write(Path target, String content) throws LmsdbException {
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LmsdbException("Cannot write the report to " + target + ": " + e.getMessage(),
                    "  Choose a writable file with -Dlmsdb.output=target/status.json", e);
        }
    }
}
