package io.github.lmsdb.core.fleet;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** {@code lmsdb:backup} on a fleet: one backup per database, in the fleet's order. */
public record FleetBackupReport(List<Line> targets) {
    /**
     * One database's backup.
     *
     * @param target the database (for schema targets, their database: it is backed up once for all of them)
     * @param file the backup written, or null when it failed
     * @param error why it failed (first line, never a password), else null
     */
    public record Line(String target, Path file, long sizeBytes, String lastMigration, Duration took, String error, Hint fix) {
        public Line {
            took = took == null ? Duration.ZERO : took;
            fix = fix == null ? Hint.NONE : fix;
        }
    }

    public FleetBackupReport {
        targets = List.copyOf(targets);
    }

    public long failed() {
        return targets.stream().filter(l -> l.error() != null).count();
    }

    public long sizeBytes() {
        return targets.stream().mapToLong(Line::sizeBytes).sum();
    }

    /** Fails when a backup failed, naming the databases. */
    public void requireSuccess() throws LmsdbException {
        List<Line> bad = targets.stream().filter(l -> l.error() != null).toList();
        if (!bad.isEmpty()) {
            throw new LmsdbException(bad.size() + " of " + targets.size() + " backup(s) failed: "
                    + bad.stream().map(l -> l.target() + " (" + l.error() + ")").collect(Collectors.joining("; ")) + ".",
                    bad.get(0).fix().isEmpty() ? Hint.line("See the error of each in the report above.") : bad.get(0).fix());
        }
    }
}
