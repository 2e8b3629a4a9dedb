package io.github.lmsdb.core.backup;

import java.nio.file.Path;

/**
 * A restore checked and ready: the file exists, its format is known, its size matches its manifest.
 * Nothing has changed yet. The checksum is checked while psql or pg_restore reads the file (fed by
 * the plugin, or hashed beside pg_restore), and a mismatch refuses the restore before the swap.
 *
 * @param manifest the backup's manifest, or null when it has none
 */
public record RestorePlan(Path file, BackupFormat format, Manifest manifest, String targetDatabase) {}
