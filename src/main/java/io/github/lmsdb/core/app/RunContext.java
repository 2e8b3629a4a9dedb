package io.github.lmsdb.core.app;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * What identifies this run and the tools it uses, beside the database settings: the plugin's
 * version and a run id (in audit records and {@code application_name}), the local audit file, and
 * where pg_dump, pg_restore and psql are and how long they may run.
 *
 * @param goal the goal being run, e.g. {@code migrate}
 * @param auditFile a local file that also receives each audit record as a JSON line, or null
 * @param pgBinDirectory the client tools' directory, or null to search for them
 */
public record RunContext(String goal, String pluginVersion, String runId, Path auditFile, Path pgBinDirectory, Duration toolTimeout) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh run id: 8 hex digits, enough to tell concurrent runs apart in pg_stat_activity. */
    public static String newRunId() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** For tests and callers without a build tool. */
    public static RunContext of(String goal) {
        return new RunContext(goal, "dev", newRunId(), null, null, Duration.ofMinutes(60));
    }

    /** {@code lmsdb:<goal>:<run id>}: how this run's sessions and tools show in pg_stat_activity. */
    public String applicationName() {
        return "lmsdb:" + goal + ":" + runId;
    }
}
