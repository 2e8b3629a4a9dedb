package io.github.lmsdb.core.backup;

import io.github.lmsdb.core.error.LmsdbException;

/**
 * The format and parallel jobs a backup or restore uses, and why (the report says it). What the
 * user set wins; left alone, a compressed backup of a database above {@link #PARALLEL_ABOVE_BYTES}
 * on a machine with more than one core becomes a directory dump with one job per core (pg_dump and
 * pg_restore then work on several tables at once), and a directory dump is restored with one job
 * per core.
 *
 * @param databaseBytes the database's size when it decided, else -1
 */
public record DumpChoice(BackupFormat format, int jobs, Why why, long databaseBytes) {
    /** Above this size a compressed backup is dumped in parallel when the user set neither format nor jobs. */
    public static final long PARALLEL_ABOVE_BYTES = 1L << 30;

    /** Why this format and these jobs. */
    public enum Why {
        AS_SET, DIRECTORY_PER_CORE, NOT_COMPRESSED, COMPRESSED_JOBS_AS_SET, LARGE_COMPRESSED, SMALL_COMPRESSED, ONE_CORE,
        PLAIN_ONE_SESSION, CUSTOM_STREAMED
    }

    /**
     * @param backupFormat the {@code backupFormat} setting, or null
     * @param compress the {@code compress} setting
     * @param jobs the {@code jobs} setting, or null when not set
     * @param databaseBytes the database's size
     * @param cores the machine's available processors
     */
    public static DumpChoice forBackup(String backupFormat, boolean compress, Integer jobs, long databaseBytes, int cores) throws LmsdbException {
        if (backupFormat != null && !backupFormat.isBlank()) {
            BackupFormat format = BackupFormat.parse(backupFormat);
            if (jobs != null) {
                return new DumpChoice(format, jobs, Why.AS_SET, -1);
            }
            return format == BackupFormat.DIRECTORY && cores > 1 ? new DumpChoice(format, cores, Why.DIRECTORY_PER_CORE, -1)
                    : new DumpChoice(format, 1, Why.AS_SET, -1);
        }
        if (!compress) {
            return new DumpChoice(BackupFormat.PLAIN, jobs == null ? 1 : jobs, Why.NOT_COMPRESSED, -1);
        }
        if (jobs != null) {
            return new DumpChoice(jobs > 1 ? BackupFormat.DIRECTORY : BackupFormat.CUSTOM, jobs, Why.COMPRESSED_JOBS_AS_SET, -1);
        }
        if (cores < 2) {
            return new DumpChoice(BackupFormat.CUSTOM, 1, Why.ONE_CORE, databaseBytes);
        }
        return databaseBytes >= PARALLEL_ABOVE_BYTES ? new DumpChoice(BackupFormat.DIRECTORY, cores, Why.LARGE_COMPRESSED, databaseBytes)
                : new DumpChoice(BackupFormat.CUSTOM, 1, Why.SMALL_COMPRESSED, databaseBytes);
    }

    /** The jobs a restore of {@code format} uses: as set, else one per core for a directory dump, else one. */
    public static DumpChoice forRestore(BackupFormat format, Integer jobs, int cores) {
        if (jobs != null) {
            return new DumpChoice(format, jobs, Why.AS_SET, -1);
        }
        if (format == BackupFormat.DIRECTORY) {
            return cores > 1 ? new DumpChoice(format, cores, Why.DIRECTORY_PER_CORE, -1) : new DumpChoice(format, 1, Why.ONE_CORE, -1);
        }
        return new DumpChoice(format, 1, format == BackupFormat.PLAIN ? Why.PLAIN_ONE_SESSION : Why.CUSTOM_STREAMED, -1);
    }
}
