package io.github.lmsdb.core.migrate;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@code migrate} did.
 *
 * @param pending what was pending when the run began (after the migration lock was taken)
 * @param applied what this run applied, in order, with how long each took
 * @param previews for a dry run, what each pending migration would do; empty otherwise
 * @param latest the newest applied migration now, if any
 * @param baselinedAt the version a baseline marked as applied in this run, or null
 * @param plan the reviewed plan this run wrote, showed or applied, or null
 * @param markedApplied the migration this run recorded as applied without running it ({@code markApplied}), or null
 */
public record MigrateResult(
        List<MigrationEntry> pending,
        List<Applied> applied,
        Duration total,
        boolean dryRun,
        boolean atomic,
        List<Preview> previews,
        Optional<MigrationEntry> latest,
        String baselinedAt,
        Plan.Use plan,
        MigrationEntry markedApplied) {

    public MigrateResult {
        pending = List.copyOf(pending);
        applied = List.copyOf(applied);
        previews = List.copyOf(previews);
    }

    public MigrateResult(List<MigrationEntry> pending, List<Applied> applied, Duration total, boolean dryRun, boolean atomic,
            List<Preview> previews, Optional<MigrationEntry> latest, String baselinedAt, Plan.Use plan) {
        this(pending, applied, total, dryRun, atomic, previews, latest, baselinedAt, plan, null);
    }

    public MigrateResult(List<MigrationEntry> pending, List<Applied> applied, Duration total, boolean dryRun, boolean atomic,
            List<Preview> previews, Optional<MigrationEntry> latest, String baselinedAt) {
        this(pending, applied, total, dryRun, atomic, previews, latest, baselinedAt, null);
    }

    /** The same result, as the application of a reviewed plan. */
    public MigrateResult withPlan(Plan.Use use) {
        return new MigrateResult(pending, applied, total, dryRun, atomic, previews, latest, baselinedAt, use, markedApplied);
    }

    public record Applied(MigrationEntry migration, Duration took) {}

    public boolean upToDate() {
        return pending.isEmpty();
    }
}
