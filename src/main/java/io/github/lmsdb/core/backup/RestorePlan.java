package io.github.lmsdb.core.backup;

import java.nio.file.Path;

/**
 * A restore checked and ready: the file exists, its format is known, and when it has a manifest,
 * its checksum matched. Nothing has changed yet.
 *
 * @param manifest the backup's manifest, or null when it has none
 */
public record RestorePlan(Path file, BackupFormat format, Manifest manifest, String targetDatabase) {}
