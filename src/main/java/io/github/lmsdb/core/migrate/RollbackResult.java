package io.github.lmsdb.core.migrate;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What a rollback reverted, in order, and the newest migration still applied. */
public record RollbackResult(List<Reverted> reverted, Duration total, Optional<MigrationEntry> latest) {
    public RollbackResult {
        reverted = List.copyOf(reverted);
    }

    public record Reverted(MigrationEntry migration, Duration took) {}
}
