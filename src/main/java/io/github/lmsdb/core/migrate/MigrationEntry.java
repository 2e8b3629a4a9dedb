package io.github.lmsdb.core.migrate;

import java.time.Instant;

/**
 * One versioned migration as the files and the history table see it together.
 *
 * @param installedOn when it was applied, or {@code null}
 * @param script the file name, or {@code null} when the file is gone
 */
public record MigrationEntry(String version, String description, MigrationEntry.State state, String script, Instant installedOn) {
    /** What a user needs to know about a migration, simpler than Flyway's eighteen states. */
    public enum State {
        /** Applied and its file is present. */
        APPLIED,
        /** A file not applied yet. */
        PENDING,
        /** Applied, but its file is gone from the migrations directory. */
        MISSING,
        /** Recorded as failed in the history table. */
        FAILED,
        /** A file older than the newest applied one, never applied (skipped unless run out of order). */
        IGNORED,
        /** Below the baseline, so never run. */
        BELOW_BASELINE
    }

    /** {@code 20231114110000 AddQuizAttempts}. */
    public String label() {
        return version + " " + description;
    }
}
