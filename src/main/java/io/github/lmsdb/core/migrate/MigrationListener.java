package io.github.lmsdb.core.migrate;

import java.time.Duration;

/** Progress of a long operation as it happens, for a caller that shows it live; results come back as records. */
public interface MigrationListener {
    MigrationListener NONE = new MigrationListener() {};

    /** The operation waits for another one holding the database's migration lock. */
    default void waiting(String message) {}

    /** Something the operation did on its own that the user should know (e.g. it ended a dead run's lock holder). */
    default void notice(String message) {
        waiting(message);
    }

    /** A script was cancelled by its lock timeout, rolled back, and will be tried again after {@code retry.delay()}. */
    default void retrying(LockRetry retry) {
        notice(String.join("\n", retry.lines()));
    }

    /**
     * What a dry run would apply, known once the migration lock is held. A real migrate does not call
     * it: the safety protocol shows the plan itself, before it asks for confirmation.
     */
    default void planned(java.util.List<MigrationEntry> pending) {}

    /** Migration {@code index} of {@code total} (1-based) starts. */
    default void started(int index, int total, MigrationEntry migration) {}

    /** It finished. */
    default void completed(int index, int total, MigrationEntry migration, Duration took) {}
}
