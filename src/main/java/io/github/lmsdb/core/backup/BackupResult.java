package io.github.lmsdb.core.backup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A finished backup: where, how big, what it holds, and which old backups {@code keep} removed. */
public record BackupResult(Path file, Path manifestFile, Manifest manifest, Duration took, List<Path> pruned) {
    public BackupResult {
        pruned = List.copyOf(pruned);
    }
}
