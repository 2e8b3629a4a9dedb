package io.github.lmsdb.core.backup;

import java.nio.file.Path;

/**
 * A restore checked and ready: the file exists, its format is known, its size matches its manifest.
 * Nothing has changed yet.
 *
 * @param manifest the backup's manifest, or null when it has none
 * @param checksumChecked whether the checksum already matched the manifest; when false (a plain file,
 *     or a custom dump restored with one job) it is checked while psql or pg_restore reads the file
 *     from the plugin, and a mismatch refuses the restore before the swap
 */
public record RestorePlan(Path file, BackupFormat format, Manifest manifest, String targetDatabase, boolean checksumChecked) {
    /** A plan whose checksum, when it has a manifest, was checked. */
    public RestorePlan(Path file, BackupFormat format, Manifest manifest, String targetDatabase) {
        this(file, format, manifest, targetDatabase, manifest != null);
    }
}
