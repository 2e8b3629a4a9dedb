package io.github.lmsdb.maven;

import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.backup.BackupService;
import io.github.lmsdb.core.backup.RestorePlan;
import io.github.lmsdb.core.backup.RestoreResult;
import io.github.lmsdb.core.report.BackupRenderer;
import io.github.lmsdb.core.report.Style;
import io.github.lmsdb.core.safety.Confirmation;
import io.github.lmsdb.core.safety.Operation;
import java.io.File;
import io.github.lmsdb.core.config.Settings;
import io.github.lmsdb.core.safety.Policy;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Restores a backup without risking the current database: checks the file and its checksum (a
 * file without its manifest is refused unless {@code -Dlmsdb.unverified=true}), refuses a plain
 * SQL file holding psql meta-commands pg_dump does not write (such as {@code \!}), restores into a
 * new temporary database, verifies its tables and row counts against the manifest (without one:
 * the tables, constraints and tables with rows the file names), copies the audit records of the
 * database being replaced into it, and only then swaps names in one transaction, keeping the
 * previous database aside. Any failure before the swap drops the temporary database and leaves the
 * current one untouched; nothing after the swap fails the goal. Staging and production need
 * confirmation; a backup of the current database is taken first unless {@code -Dlmsdb.backup=false}
 * (development only).
 */
@Mojo(name = "restore", requiresProject = false, threadSafe = true)
public final class RestoreMojo extends AbstractLmsdbMojo {
    /** The backup to restore (a {@code .sql}, {@code .dump} or {@code .dir} written by lmsdb:backup or pg_dump). Also settable with {@code -Dlmsdb.file}. */
    @Parameter(property = "lmsdb.file")
    private File file;

    /** Parallel pg_restore jobs (custom and directory formats). Also settable with {@code -Dlmsdb.jobs}. */
    @Parameter(property = "lmsdb.jobs", defaultValue = "1")
    private int jobs;

    /** Keep the replaced database under its aside name (default), or drop it after a verified swap. Also settable with {@code -Dlmsdb.keepPrevious}. */
    @Parameter(property = "lmsdb.keepPrevious", defaultValue = "true")
    private boolean keepPrevious;

    /**
     * Back up the current database before replacing it (development: on by default; staging and
     * production: always, and in production a failed backup stops the restore). Also settable with {@code -Dlmsdb.backup}.
     */
    @Parameter(property = "lmsdb.backup", defaultValue = "true")
    private boolean backup;

    /**
     * Accept a backup without its manifest (or with a damaged one): its checksum and row counts
     * cannot be checked, so the restore checks what the file itself names (tables, constraints,
     * tables with rows) before the swap. Off by default: such a file is refused. Also settable with
     * {@code -Dlmsdb.unverified}.
     */
    @Parameter(property = "lmsdb.unverified", defaultValue = "false")
    private boolean unverified;

    /** The confirmation, in batch mode: the database name ({@code name@production} in production). Also settable with {@code -Dlmsdb.confirm}. */
    @Parameter(property = "lmsdb.confirm")
    private String confirm;

    @Inject
    public RestoreMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        super(decrypter, repositorySystem, embeddedServers);
    }

    @Override
    protected boolean opensTargetDatabase() {
        return false;
    }

    @Override
    protected void run(Lmsdb lmsdb) throws LmsdbException, SQLException {
        Style style = style();
        if (file == null) {
            throw new LmsdbException("No backup file given.", "  Name it: mvn lmsdb:restore -Dlmsdb.file=backups/<database>_<date>_<time>.sql");
        }
        Settings target = targetSettings;
        BackupService service = backups(target);
        BackupService.RestoreOptions options = new BackupService.RestoreOptions(jobs, keepPrevious, unverified);
        RestorePlan plan = service.planRestore(file.toPath(), options);
        String database = plan.targetDatabase();
        boolean exists = lmsdb.gateway().databaseExists(database);
        print(BackupRenderer.restoreHeader(plan, exists, project.getBasedir().toPath(), style));
        String before = null;
        if (exists) {
            // The connection to the current database is closed before the swap ends every session on it.
            try (Lmsdb current = Lmsdb.open(target)) {
                refuseIfProtected(current, Operation.RESTORE);
                before = latestVersion(current);
            }
        }
        Confirmation.check(target.environment(), Operation.RESTORE, database, confirm, prompt());
        if (exists) {
            backupBefore(target, Operation.RESTORE, backup);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("file", plan.file().toString());
        parameters.put("keepPrevious", Boolean.toString(keepPrevious));
        parameters.put("unverified", Boolean.toString(unverified));
        long start = System.nanoTime();
        RestoreResult result;
        try {
            result = service.restore(plan, options, backupProgress());
        } catch (LmsdbException | SQLException | RuntimeException e) {
            if (exists) {
                try (Lmsdb current = Lmsdb.open(target)) {
                    writeAudit(current, "restore", parameters, "failure", start, before, e.getMessage(), false);
                }
            }
            throw e;
        }
        // The swap is done: what follows must not fail the goal.
        try (Lmsdb restored = Lmsdb.open(target)) {
            stampEnvironment(restored, "restore", true);
            writeAudit(restored, "restore", parameters, "success", start, before, null, Policy.auditRequired(target.environment()));
        } catch (LmsdbException | SQLException | RuntimeException e) {
            getLog().warn("The database was restored, but recording the restore in its audit log failed: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        print(BackupRenderer.restoreSummary(result, style));
    }
}
