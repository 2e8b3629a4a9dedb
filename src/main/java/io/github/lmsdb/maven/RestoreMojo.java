package io.github.lmsdb.maven;

import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.app.Options;
import io.github.lmsdb.core.backup.RestoreResult;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.report.BackupRenderer;
import java.io.File;
import java.sql.SQLException;
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
 * (development only). At its start it drops the temporary restore databases of runs whose JVM is
 * gone from this host (and their private copies of plain backups), one log line each; the databases
 * kept aside are never dropped automatically.
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
    protected void run(Lmsdb lmsdb) throws LmsdbException, SQLException {
        RestoreResult result = lmsdb.restore(new Options.Restore(file == null ? null : file.toPath(), jobs, keepPrevious, unverified, backup, confirm));
        print(BackupRenderer.restoreSummary(result, lmsdb.settings().connection(), console().style(), MavenWords.INSTANCE));
    }
}
