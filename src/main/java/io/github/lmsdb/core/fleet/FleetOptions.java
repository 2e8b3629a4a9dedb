package io.github.lmsdb.core.fleet;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import java.util.List;
import java.util.Locale;

/**
 * How a fleet run goes.
 *
 * @param parallel how many targets are worked on at once (pre-flight, status, each wave); also the bound on connections
 * @param canary the targets migrated first, alone, before any wave (names, or empty for the first target to migrate)
 * @param onError what a failed target does to the run: halt (no further wave starts) or continue
 * @param maxFailures with continue, how many failed targets halt the run; 0 is no limit
 * @param checkDrift pre-flight (and status) also checks each target for drift; a drifted target fails pre-flight
 * @param confirm the fleet's confirmation token in batch mode, or null
 */
public record FleetOptions(int parallel, List<String> canary, OnError onError, int maxFailures, boolean checkDrift, String confirm) {
    public static final int DEFAULT_PARALLEL = 4;

    /** What a failed target does to the rest of the run. */
    public enum OnError {
        HALT, CONTINUE;

        public static OnError parse(String value) throws LmsdbException {
            String v = value == null || value.isBlank() ? "halt" : value.trim().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "halt" -> HALT;
                case "continue" -> CONTINUE;
                default -> throw new LmsdbException("Unknown onError '" + value + "'. Allowed values: halt, continue.",
                        Hint.line("Set it with ", Hint.set("onError", "continue")));
            };
        }
    }

    public FleetOptions {
        canary = canary == null ? List.of() : canary.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        onError = onError == null ? OnError.HALT : onError;
    }

    /** Refuses a parallelism or failure budget that cannot be meant. */
    public FleetOptions check() throws LmsdbException {
        if (parallel < 1 || parallel > 64) {
            throw new LmsdbException("Invalid parallel " + parallel + ": give how many targets to work on at once, 1 to 64.",
                    Hint.line("Set it with ", Hint.set("parallel", DEFAULT_PARALLEL)));
        }
        if (maxFailures < 0) {
            throw new LmsdbException("Invalid maxFailures " + maxFailures + ": give how many failed targets halt the run (0: no limit).",
                    Hint.line("Set it with ", Hint.set("maxFailures", 3)));
        }
        return this;
    }

    /** Whether this many failures stop the run from starting more targets. */
    boolean halts(int failures) {
        if (failures == 0) {
            return false;
        }
        return onError == OnError.HALT || maxFailures > 0 && failures >= maxFailures;
    }
}
