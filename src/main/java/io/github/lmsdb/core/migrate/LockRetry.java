package io.github.lmsdb.core.migrate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A migration (or undo script, or atomic group) was cancelled by its lock timeout and rolled back,
 * and is tried again.
 *
 * @param what the migration, undo script or group
 * @param retry this retry, 1-based
 * @param retries how many retries are allowed
 * @param delay the wait before it
 * @param blockers who held locks on the managed tables when it was cancelled
 */
public record LockRetry(String what, int retry, int retries, Duration delay, Duration lockTimeout, List<LockBlocker> blockers) {
    public LockRetry {
        blockers = List.copyOf(blockers);
    }

    /** The lines a console shows. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(what + " waited longer than its lock timeout (" + LockSafety.describe(lockTimeout) + ") and was rolled back; retry "
                + retry + " of " + retries + " in " + delay.toMillis() + " ms.");
        if (blockers.isEmpty()) {
            lines.add("  No session holds a lock on the managed tables any more.");
        }
        blockers.forEach(b -> lines.add("  Held by " + b.describe()));
        return lines;
    }
}
