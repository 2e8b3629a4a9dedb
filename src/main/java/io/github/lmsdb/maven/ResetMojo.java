package io.github.lmsdb.maven;

import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.app.Options;
import io.github.lmsdb.core.app.ResetResult;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.report.Durations;
import io.github.lmsdb.core.report.SeedRenderer;
import java.sql.SQLException;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Drops every object in the managed schemas, runs all migrations and seeds: a fresh database in one command. Creates the
 * database when it does not exist. Refused in production (and on a production-stamped database); staging needs confirmation
 * and backs up first; in development {@code -Dlmsdb.backup=true} backs the database up first.
 */
@Mojo(name = "reset", requiresProject = false, threadSafe = true)
public final class ResetMojo extends AbstractChangeMojo {
    @Inject
    public ResetMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        super(decrypter, repositorySystem, embeddedServers);
    }

    @Override
    protected boolean backupByDefault() {
        return false;
    }

    @Override
    protected void run(Lmsdb lmsdb) throws LmsdbException, SQLException {
        ResetResult result = lmsdb.reset(new Options.Reset(backup(), confirm));
        getLog().info(console().style().good("Database reset complete!") + " (" + Durations.format(result.took()) + ")");
        print(SeedRenderer.credentials(result.seeded()));
    }
}
