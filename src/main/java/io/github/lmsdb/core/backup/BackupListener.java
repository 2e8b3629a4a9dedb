package io.github.lmsdb.core.backup;

import java.time.Duration;

/** Progress of a backup or restore as it happens. */
public interface BackupListener {
    BackupListener NONE = new BackupListener() {};

    /** Bytes written so far by a running dump, and for how long it has run. */
    default void progress(long bytes, Duration elapsed) {}

    /** A step starts or ends (restore: "Restoring into ...", "Verifying ..."). */
    default void step(String text) {}
}
