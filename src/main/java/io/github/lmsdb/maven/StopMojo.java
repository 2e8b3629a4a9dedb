package io.github.lmsdb.maven;

import java.io.File;
import java.io.IOException;
import javax.inject.Inject;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Stops the embedded PostgreSQL that {@code lmsdb:start} (or an embedded goal) started in this build. Its data is kept. */
@Mojo(name = "stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, requiresProject = false, threadSafe = true)
public final class StopMojo extends AbstractMojo {
    /** The embedded server's data directory. Also settable with {@code -Dlmsdb.embeddedDataDirectory}. */
    @Parameter(property = "lmsdb.embeddedDataDirectory", defaultValue = "${project.build.directory}/lmsdb/postgres")
    private File embeddedDataDirectory;

    /** Skip this goal. Also settable with {@code -Dlmsdb.skip}. */
    @Parameter(property = "lmsdb.skip", defaultValue = "false")
    private boolean skip;

    private final EmbeddedServers embeddedServers;

    @Inject
    public StopMojo(EmbeddedServers embeddedServers) {
        this.embeddedServers = embeddedServers;
    }

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("Skipping: lmsdb.skip is true.");
            return;
        }
        try {
            if (embeddedServers.stop(embeddedDataDirectory.toPath())) {
                getLog().info("Embedded PostgreSQL stopped (data kept in " + embeddedDataDirectory + ").");
            } else {
                getLog().info("No embedded PostgreSQL is running for " + embeddedDataDirectory + " in this build; nothing to stop.");
            }
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot stop the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }
}
