package io.github.lmsdb.maven;

import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.app.Options;
import io.github.lmsdb.core.backup.DumpChoice;
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
 * Backs up the database with pg_dump into {@code backupDirectory} ({@code <database>_<yyyyMMdd_HHmmss>.sql|.dump|.dir}, 0600,
 * beside a manifest: versions, last migration, SHA-256, row counts). On a fleet: each database once, {@code parallel} at a time, into {@code backupDirectory/<host>_<port>_<database>}.
 */
@Mojo(name = "backup", requiresProject = false, threadSafe = true)
public final class BackupMojo extends AbstractLmsdbMojo {
    /**
     * Compress: the custom format ({@code .dump}), or for a database above 1 GB on a machine with several cores, when neither
     * {@code backupFormat} nor {@code jobs} is set, the directory format with one job per core (the report says which and
     * why). Also settable with {@code -Dlmsdb.compress}.
     */
    @Parameter(property = "lmsdb.compress", defaultValue = "false")
    private boolean compress;

    /** {@code plain}, {@code custom} or {@code directory}; overrides {@code compress}. Also settable with {@code -Dlmsdb.backupFormat}. */
    @Parameter(property = "lmsdb.backupFormat")
    private String backupFormat;

    /** Compression level 0-9 (custom, directory); default 1: most of the gain at a fraction of the time. Also settable with {@code -Dlmsdb.compressionLevel}. */
    @Parameter(property = "lmsdb.compressionLevel")
    private Integer compressionLevel;

    /**
     * Parallel pg_dump jobs (directory format only). Unset: one per core for the directory format, else one. Also settable
     * with {@code -Dlmsdb.jobs}.
     */
    @Parameter(property = "lmsdb.jobs")
    private Integer jobs;

    /** Keep only the newest N backups of this database, as their manifests record it (not by file name). Also settable with {@code -Dlmsdb.keep}. */
    @Parameter(property = "lmsdb.keep")
    private Integer keep;

    @Inject
    public BackupMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        super(decrypter, repositorySystem, embeddedServers);
    }

    @Override
    protected void run(Lmsdb lmsdb) throws LmsdbException, SQLException {
        print(BackupRenderer.backupHeader(lmsdb.settings().connection().url().database(), console().style()));
        var result = lmsdb.backup(new Options.Backup(backupFormat, compress, compressionLevel, jobs, keep));
        print(BackupRenderer.backupSummary(result, lmsdb.settings().connection(), project.getBasedir().toPath(), console().style(), MavenWords.INSTANCE));
    }

    @Override
    protected void runFleet(FleetRunner fleet) throws LmsdbException {
        fleet.backup(options());
    }

    /** On a fleet the targets run in parallel, so each dump takes one job unless jobs is set. */
    private BackupService.Options options() throws LmsdbException {
        DumpChoice one = DumpChoice.forBackup(backupFormat, compress, jobs, 0, 1);
        return new BackupService.Options(one.format(), compressionLevel, one.jobs(), keep);
    }
}
