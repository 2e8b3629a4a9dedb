package io.github.lmsdb.core.migrate;

import java.nio.file.Path;
import java.util.List;

/**
 * The migrations a rollback will revert, newest first, each with its undo script and a preview of
 * what reverting it changes. Nothing has changed yet when a plan exists.
 */
public record RollbackPlan(List<Step> steps) {
    public RollbackPlan {
        steps = List.copyOf(steps);
    }

    public record Step(MigrationEntry migration, int installedRank, Path undoScript, Preview preview) {}

    /** Whether any step drops a table or column that holds data. */
    public boolean losesData() {
        return steps.stream().anyMatch(s -> !s.preview().dataLoss().isEmpty());
    }
}
