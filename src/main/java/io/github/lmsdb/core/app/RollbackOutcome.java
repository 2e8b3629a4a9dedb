package io.github.lmsdb.core.app;

import io.github.lmsdb.core.migrate.RollbackPlan;
import io.github.lmsdb.core.migrate.RollbackResult;

/** A rollback: its plan (shown before it runs), and what it did, or null for a dry run. */
public record RollbackOutcome(RollbackPlan plan, RollbackResult result) {
    public boolean dryRun() {
        return result == null;
    }
}
