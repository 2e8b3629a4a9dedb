package io.github.lmsdb.core.app;

import io.github.lmsdb.core.backup.BackupService;
import io.github.lmsdb.core.db.ApplicationName;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What identifies this run and the tools it uses, beside the database settings: the plugin's
 * version and a run id (in audit records and {@code application_name}), the local audit file, and
 * where pg_dump, pg_restore and psql are and how long they may run.
 *
 * @param goal the goal being run, e.g. {@code migrate}
 * @param auditFile a local file that also receives each audit record as a JSON line, or null
 * @param pgBinDirectory the client tools' directory, or null to search for them
 * @param keepAutomatic how many automatic backups (taken before a change) of the database are kept; 0 keeps all
 */
public record RunContext(String goal, String pluginVersion, String runId, Path auditFile, Path pgBinDirectory, Duration toolTimeout,
        int keepAutomatic) {
    /** With the default retention of automatic backups. */
    public RunContext(String goal, String pluginVersion, String runId, Path auditFile, Path pgBinDirectory, Duration toolTimeout) {
        this(goal, pluginVersion, runId, auditFile, pgBinDirectory, toolTimeout, BackupService.Options.DEFAULT_KEEP_AUTOMATIC);
    }

    /**
     * A fresh run id, {@code <8 hex>-<pid>@<host>}: the hex digits tell concurrent runs apart in
     * pg_stat_activity, the JVM's pid and host let a later run tell whether this one is gone.
     */
    public static String newRunId() {
        return ApplicationName.newRunId();
    }

    /** For tests and callers without a build tool. */
    public static RunContext of(String goal) {
        return new RunContext(goal, "dev", newRunId(), null, null, Duration.ofMinutes(60));
    }

    /** {@code lmsdb:<goal>:<run id>} within 63 bytes: how this run's sessions and tools show in pg_stat_activity. */
    public String applicationName() {
        return new ApplicationName(goal, runId).value();
    }
}
