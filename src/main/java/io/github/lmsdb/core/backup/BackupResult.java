package io.github.lmsdb.core.backup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A finished backup: where, how big, what it holds, and which old backups {@code keep} removed. */
public record BackupResult(Path file, Path manifestFile, Manifest manifest, Duration took, List<Path> pruned, DumpChoice choice) {
    public BackupResult {
        pruned = List.copyOf(pruned);
    }

    public BackupResult(Path file, Path manifestFile, Manifest manifest, Duration took, List<Path> pruned) {
        this(file, manifestFile, manifest, took, pruned, null);
    }

    /** The same result, saying which format and jobs were chosen and why. */
    public BackupResult withChoice(DumpChoice how) {
        return new BackupResult(file, manifestFile, manifest, took, pruned, how);
    }
}
