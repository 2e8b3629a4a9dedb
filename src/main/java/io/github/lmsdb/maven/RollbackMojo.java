package io.github.lmsdb.maven;

import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.migrate.RollbackPlan;
import io.github.lmsdb.core.migrate.RollbackResult;
import io.github.lmsdb.core.report.MigrationRenderer;
import io.github.lmsdb.core.report.Style;
import io.github.lmsdb.core.safety.Confirmation;
import io.github.lmsdb.core.safety.Operation;
import io.github.lmsdb.core.safety.Policy;
import java.sql.SQLException;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Reverts the last N applied migrations, newest first, through their undo scripts
 * ({@code U<version>__<name>.sql}). First checks every one has its undo script, and previews what
 * will be dropped and how many rows or values that loses (measured by running the undo scripts in
 * a transaction that is rolled back). Each undo script and the removal of its history row run in
 * one transaction. Staging and production need confirmation.
 */
@Mojo(name = "rollback", requiresProject = false, threadSafe = true)
public final class RollbackMojo extends AbstractLmsdbMojo {
    /** How many migrations to revert. Also settable with {@code -Dlmsdb.steps}. */
    @Parameter(property = "lmsdb.steps", defaultValue = "1")
    private String steps;

    /** Show the preview and stop, changing nothing. Also settable with {@code -Dlmsdb.dryRun}. */
    @Parameter(property = "lmsdb.dryRun", defaultValue = "false")
    private boolean dryRun;

    /** Back up before reverting (development: on by default; staging and production: always). Also settable with {@code -Dlmsdb.backup}. */
    @Parameter(property = "lmsdb.backup", defaultValue = "true")
    private boolean backup;

    /** The confirmation, in batch mode: the database name ({@code name@production} in production). Also settable with {@code -Dlmsdb.confirm}. */
    @Parameter(property = "lmsdb.confirm")
    private String confirm;

    @Inject
    public RollbackMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        super(decrypter, repositorySystem, embeddedServers);
    }

    @Override
    protected void run(Lmsdb lmsdb) throws LmsdbException, SQLException {
        int count = parseSteps(steps);
        Style style = style();
        RollbackPlan plan = lmsdb.migrations().planRollback(count);
        print(MigrationRenderer.rollbackPreview(plan, dryRun, style));
        if (dryRun) {
            getLog().info("Dry run: nothing was changed.");
            return;
        }
        refuseIfProtected(lmsdb, Operation.ROLLBACK);
        Confirmation.check(lmsdb.settings().environment(), Operation.ROLLBACK, lmsdb.settings().connection().url().database(), confirm, prompt());
        RollbackResult result = audited(lmsdb, "rollback", Map.of("steps", Integer.toString(count)), () -> {
            backupBefore(lmsdb.settings(), Operation.ROLLBACK, backup);
            return lmsdb.migrations().rollback(plan, progress(style, true));
        });
        print(MigrationRenderer.rollbackSummary(result, style));
        if (Policy.detailedOutput(lmsdb.settings().environment())) {
            print(MigrationRenderer.nextAfterRollback(result));
        }
    }

    static int parseSteps(String value) throws LmsdbException {
        try {
            return Integer.parseInt(value == null ? "1" : value.trim());
        } catch (NumberFormatException e) {
            throw new LmsdbException("Invalid steps '" + value + "': give the number of migrations to revert.",
                    "  For example: mvn lmsdb:rollback -Dlmsdb.steps=2");
        }
    }
}
