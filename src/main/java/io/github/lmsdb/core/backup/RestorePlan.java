package io.github.lmsdb.core.backup;

import java.nio.file.Path;

/**
 * A restore checked and ready: the file exists, its format is known, and, for plain SQL, its
 * content was scanned. Nothing has changed yet.
 *
 * @param manifest the backup's manifest, or null when it has none
 * @param checksumChecked whether the checksum already matched the manifest; when false (a custom
 *     dump restored with one job) it is checked while pg_restore reads the file, and a mismatch
 *     refuses the restore before the swap
 */
public record RestorePlan(Path file, BackupFormat format, Manifest manifest, String targetDatabase, boolean checksumChecked) {
    /** A plan whose checksum, when it has a manifest, was checked. */
    public RestorePlan(Path file, BackupFormat format, Manifest manifest, String targetDatabase) {
        this(file, format, manifest, targetDatabase, manifest != null);
    }
}
