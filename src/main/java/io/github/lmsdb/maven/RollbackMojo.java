package io.github.lmsdb.maven;

import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.app.Options;
import io.github.lmsdb.core.error.LmsdbException;
import java.sql.SQLException;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Reverts the last N applied migrations, newest first, through their undo scripts ({@code U<version>__<name>.sql}). First
 * checks every one has its undo script, and previews what will be dropped and how many rows or values that loses: the undo
 * scripts run on a throwaway shadow copy of the database's schema (see {@code shadowUrl}), never on the database, which is
 * only read (its sizes, and counts bounded by a timeout, shown as estimates when it runs out); the preview also names the
 * lock each statement takes on the database's tables and the tables it rewrites. Each undo script and the removal of its
 * history row run in one transaction. What to revert is planned after the migration lock is taken, so a rollback that waited
 * for a running migrate reverts what is newest when it runs. Staging and production need confirmation, after the preview is
 * shown; production refuses error-level lint findings of the undo scripts not acknowledged by id.
 */
@Mojo(name = "rollback", requiresProject = false, threadSafe = true)
public final class RollbackMojo extends AbstractPreviewingMojo {
    /** How many migrations to revert. Also settable with {@code -Dlmsdb.steps}. */
    @Parameter(property = "lmsdb.steps", defaultValue = "1")
    private String steps;

    /** Show the preview and stop, changing nothing. Also settable with {@code -Dlmsdb.dryRun}. */
    @Parameter(property = "lmsdb.dryRun", defaultValue = "false")
    private boolean dryRun;

    @Inject
    public RollbackMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        super(decrypter, repositorySystem, embeddedServers);
    }

    @Override
    protected boolean previewOnly() {
        return dryRun;
    }

    @Override
    protected void run(Lmsdb lmsdb) throws LmsdbException, SQLException {
        console().rolledBack(lmsdb.rollback(new Options.Rollback(Options.Rollback.steps(steps), dryRun, backup(), confirm, shadowUrl,
                lockSafety(), plans(), acknowledged())),
                lmsdb.settings().environment());
    }
}
