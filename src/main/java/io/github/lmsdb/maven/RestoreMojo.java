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
 * Restores a backup without risking the current database: checks the file, its manifest and checksum (without a manifest:
 * refused unless {@code -Dlmsdb.unverified=true}) and refuses psql meta-commands pg_dump does not write; restores into a
 * temporary database, verifies it, carries the audit records over, and swaps names in one transaction, keeping the previous
 * database aside. A failure before the swap leaves the current database untouched. Staging and production need confirmation;
 * the current database is backed up first. See the README's "Backups you can trust".
 */
@Mojo(name = "restore", requiresProject = false, threadSafe = true)
public final class RestoreMojo extends AbstractChangeMojo {
    /** The backup to restore (a {@code .sql}, {@code .dump} or {@code .dir} written by lmsdb:backup or pg_dump). Also settable with {@code -Dlmsdb.file}. */
    @Parameter(property = "lmsdb.file")
    private File file;

    /**
     * Parallel pg_restore jobs (custom and directory formats). Unset: one per core for a directory dump, else one (a custom
     * dump restored with one job is checked while pg_restore reads it). Also settable with {@code -Dlmsdb.jobs}.
     */
    @Parameter(property = "lmsdb.jobs")
    private Integer jobs;

    /** Keep the replaced database under its aside name (default), or drop it after a verified swap. Also settable with {@code -Dlmsdb.keepPrevious}. */
    @Parameter(property = "lmsdb.keepPrevious", defaultValue = "true")
    private boolean keepPrevious;

    /**
     * Accept a backup without its manifest (or with a damaged one): its checksum and row counts cannot be checked, so the
     * restore checks what the file itself names (tables, constraints, tables with rows) before the swap. Off by default:
     * such a file is refused. Also settable with {@code -Dlmsdb.unverified}.
     */
    @Parameter(property = "lmsdb.unverified", defaultValue = "false")
    private boolean unverified;

    /**
     * After a restore that kept the previous database, keep only the newest N databases kept aside by restores of this
     * database ({@code <db>_before_restore_<time>}); older ones are dropped unless in use. 0 keeps all. Also settable with
     * {@code -Dlmsdb.keepAside}.
     */
    @Parameter(property = "lmsdb.keepAside", defaultValue = "5")
    private int keepAside;

    @Inject
    public RestoreMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        super(decrypter, repositorySystem, embeddedServers);
    }

    @Override
    protected void run(Lmsdb lmsdb) throws LmsdbException, SQLException {
        RestoreResult result = lmsdb.restore(new Options.Restore(file == null ? null : file.toPath(), jobs, keepPrevious, unverified, backup(), confirm,
                keepAside));
        print(BackupRenderer.restoreSummary(result, lmsdb.settings().connection(), console().style(), MavenWords.INSTANCE));
    }
}
