package io.github.lmsdb.core.fleet;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import java.time.Duration;
import java.util.List;

/**
 * What a fleet migrate did, one outcome per target in the fleet's order.
 *
 * @param canaries the targets migrated first, alone
 * @param halted why the run stopped starting targets, or null when it did not
 */
public record FleetMigrateReport(List<TargetOutcome> targets, List<String> canaries, int parallel, String halted, Duration total) {
    public FleetMigrateReport {
        targets = List.copyOf(targets);
        canaries = List.copyOf(canaries);
    }

    public List<TargetOutcome> in(TargetOutcome.State state) {
        return targets.stream().filter(t -> t.state() == state).toList();
    }

    public long count(TargetOutcome.State state) {
        return in(state).size();
    }

    /** Whether pre-flight refused the run (then nothing was changed anywhere). */
    public boolean preflightFailed() {
        return count(TargetOutcome.State.PREFLIGHT_FAILED) > 0;
    }

    /**
     * Fails when a target failed pre-flight or its migrate, or was not started: the message lists them, each with its
     * first line and fix. A rerun picks up where this one stopped (up-to-date targets are skipped).
     */
    public void requireSuccess() throws LmsdbException {
        List<TargetOutcome> failed = preflightFailed() ? in(TargetOutcome.State.PREFLIGHT_FAILED) : in(TargetOutcome.State.FAILED);
        long notStarted = count(TargetOutcome.State.NOT_STARTED);
        if (failed.isEmpty() && notStarted == 0) {
            return;
        }
        StringBuilder message = new StringBuilder();
        Hint hint = Hint.NONE;
        if (preflightFailed()) {
            message.append("Pre-flight failed on ").append(failed.size()).append(" of ").append(targets.size())
                    .append(" target(s): nothing was changed anywhere.");
        } else {
            message.append("Fleet migrate: ").append(count(TargetOutcome.State.DONE)).append(" done, ")
                    .append(count(TargetOutcome.State.UP_TO_DATE)).append(" up to date, ").append(failed.size()).append(" failed, ")
                    .append(notStarted).append(" not started").append(halted == null ? "." : " (" + halted + ").");
        }
        for (TargetOutcome f : failed) {
            hint = hint.then(f.target() + ": " + f.error());
            for (List<Hint.Part> line : f.fix().lines()) {
                Object[] parts = new Object[line.size() + 1];
                parts[0] = "  ";
                System.arraycopy(line.toArray(), 0, parts, 1, line.size());
                hint = hint.then(parts);
            }
        }
        if (!preflightFailed()) {
            hint = hint.then("Fix them and run the same command again: the targets already up to date are skipped.");
        }
        throw new LmsdbException(message.toString(), hint);
    }
}
