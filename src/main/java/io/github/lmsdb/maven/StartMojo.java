package io.github.lmsdb.maven;

import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.config.JdbcUrl;
import java.sql.SQLException;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Starts the embedded PostgreSQL for the rest of the build, creates the database named in {@code url}, and sets the project
 * properties {@code lmsdb.url}, {@code lmsdb.port} and {@code lmsdb.user} for later plugins (for example failsafe's {@code
 * systemPropertyVariables}). Later lmsdb goals of the build use this server. It stops at {@code lmsdb:stop} or when the
 * build ends.
 */
@Mojo(name = "start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, requiresProject = false, threadSafe = true)
public final class StartMojo extends AbstractLmsdbMojo {
    @Inject
    public StartMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        super(decrypter, repositorySystem, embeddedServers);
    }

    @Override
    protected boolean alwaysEmbedded() {
        return true;
    }

    @Override
    protected void run(Lmsdb lmsdb) throws LmsdbException, SQLException {
        JdbcUrl where = lmsdb.settings().connection().url();
        String jdbcUrl = where.toString();
        project.getProperties().setProperty("lmsdb.url", jdbcUrl);
        project.getProperties().setProperty("lmsdb.port", Integer.toString(where.port()));
        project.getProperties().setProperty("lmsdb.user", lmsdb.settings().connection().user());
        getLog().info("Embedded PostgreSQL " + lmsdb.gateway().serverInfo().version() + " is running for this build.");
        getLog().info("  lmsdb.url  = " + jdbcUrl);
        getLog().info("  lmsdb.port = " + where.port());
        getLog().info("  lmsdb.user = " + lmsdb.settings().connection().user());
    }
}
