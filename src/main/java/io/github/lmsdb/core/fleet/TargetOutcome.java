package io.github.lmsdb.core.fleet;

import io.github.lmsdb.core.error.Hint;
import java.time.Duration;
import java.util.List;

/**
 * What a fleet migrate did to one target.
 *
 * @param before the latest applied version before the run (null: none)
 * @param after the latest applied version after it (the same as before when nothing ran)
 * @param applied the versions applied by this run
 * @param took how long its migrate took (zero when it did not run)
 * @param error the first line of its failure (pre-flight or migrate), else null; never a password
 * @param fix the failure's hint, else {@link Hint#NONE}
 */
public record TargetOutcome(String target, State state, String before, String after, List<String> applied, Duration took, String error,
        Hint fix) {
    /** Where the target stands after the run. */
    public enum State {
        /** Its pending migrations were applied. */
        DONE("done"),
        /** It had nothing pending: not touched. */
        UP_TO_DATE("up to date"),
        /** Its migrate failed (the protocol audited it; what was applied before the failing migration stays). */
        FAILED("failed"),
        /** It failed pre-flight: nothing was changed anywhere. */
        PREFLIGHT_FAILED("pre-flight failed"),
        /** The run halted (or pre-flight failed elsewhere) before it started: not touched. */
        NOT_STARTED("not started");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public TargetOutcome {
        applied = applied == null ? List.of() : List.copyOf(applied);
        took = took == null ? Duration.ZERO : took;
        fix = fix == null ? Hint.NONE : fix;
    }

    static TargetOutcome untouched(String target, State state, String version) {
        return new TargetOutcome(target, state, version, version, List.of(), Duration.ZERO, null, Hint.NONE);
    }
}
