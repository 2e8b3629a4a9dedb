package io.github.lmsdb.maven;

import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.backup.BackupFormat;
import io.github.lmsdb.core.backup.BackupResult;
import io.github.lmsdb.core.backup.BackupService;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.report.BackupRenderer;
import java.sql.SQLException;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Backs up the database with pg_dump into {@code backupDirectory} as
 * {@code <database>_<yyyyMMdd_HHmmss>.sql} (plain SQL, restorable with psql), {@code .dump} (custom
 * format, with {@code compress}) or {@code .dir} (directory format, parallel with {@code jobs}).
 * Beside it, a manifest with the server and pg_dump versions, the last migration, the SHA-256 of
 * the backup and every table's exact row count, taken in the same snapshot pg_dump dumps. The file
 * is written under a temporary name, readable by its owner only (0600; a backup directory the
 * plugin creates is 0700), and renamed into place after its manifest: a backup never exists
 * without its manifest. {@code keep} counts only backups whose manifest names this database. At its
 * start it removes the unfinished backup files ({@code .<name>.<pid>@<host>.partial}) of runs whose
 * JVM is gone from this host, one log line each.
 */
@Mojo(name = "backup", requiresProject = false, threadSafe = true)
public final class BackupMojo extends AbstractLmsdbMojo {
    /** Use PostgreSQL's compressed custom format ({@code .dump}) instead of plain SQL. Also settable with {@code -Dlmsdb.compress}. */
    @Parameter(property = "lmsdb.compress", defaultValue = "false")
    private boolean compress;

    /** {@code plain}, {@code custom} or {@code directory}; overrides {@code compress}. Also settable with {@code -Dlmsdb.backupFormat}. */
    @Parameter(property = "lmsdb.backupFormat")
    private String backupFormat;

    /**
     * Compression level 0-9 for the custom and directory formats; default 1, measured to keep most of
     * the size gain at a fraction of the time. Also settable with {@code -Dlmsdb.compressionLevel}.
     */
    @Parameter(property = "lmsdb.compressionLevel")
    private Integer compressionLevel;

    /** Parallel pg_dump jobs (directory format only). Also settable with {@code -Dlmsdb.jobs}. */
    @Parameter(property = "lmsdb.jobs", defaultValue = "1")
    private int jobs;

    /**
     * Keep only the newest N backups of this database (and their manifests), chosen by the database
     * their manifest records, not by file name. Also settable with {@code -Dlmsdb.keep}.
     */
    @Parameter(property = "lmsdb.keep")
    private Integer keep;

    @Inject
    public BackupMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        super(decrypter, repositorySystem, embeddedServers);
    }

    @Override
    protected void run(Lmsdb lmsdb) throws LmsdbException, SQLException {
        BackupFormat format = backupFormat != null && !backupFormat.isBlank() ? BackupFormat.parse(backupFormat)
                : compress ? BackupFormat.CUSTOM : BackupFormat.PLAIN;
        print(BackupRenderer.backupHeader(lmsdb.settings().connection().url().database(), console().style()));
        BackupResult result = lmsdb.backup(new BackupService.Options(format, compressionLevel, jobs, keep));
        print(BackupRenderer.backupSummary(result, lmsdb.settings().connection(), project.getBasedir().toPath(), console().style(), MavenWords.INSTANCE));
    }
}
