package io.github.lmsdb.core.app;

import io.github.lmsdb.core.migrate.Plan;
import io.github.lmsdb.core.migrate.RollbackPlan;
import io.github.lmsdb.core.migrate.RollbackResult;

/**
 * A rollback: its plan (shown before it runs), and what it did, or null for a dry run (or a reviewed plan written or shown);
 * {@code reviewed} is the reviewed plan this run wrote, showed or applied, or null.
 */
public record RollbackOutcome(RollbackPlan plan, RollbackResult result, Plan.Use reviewed) {
    public RollbackOutcome(RollbackPlan plan, RollbackResult result) {
        this(plan, result, null);
    }

    public boolean dryRun() {
        return result == null;
    }
}
