package io.github.lmsdb.core.db;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a run's sessions show in {@code pg_stat_activity}: {@code lmsdb:<goal>:<run id>}, the run id
 * being {@code <8 hex>-<pid>@<host>} ({@link RunOwner}), within PostgreSQL's 63 bytes. A later run
 * reads the JVM back from it to tell a live holder of the migration lock from a dead one.
 */
public record ApplicationName(String goal, String runId) {
    public static final String PREFIX = "lmsdb:";
    /** PostgreSQL keeps the first 63 bytes of application_name. */
    static final int MAX_BYTES = 63;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern VALUE = Pattern.compile(Pattern.quote(PREFIX) + "([^:]*):(.+)");
    private static final Pattern RUN_ID = Pattern.compile("[0-9a-f]{8}-(" + RunOwner.tokenPattern() + ")");

    /** A fresh run id of this JVM: 8 hex digits (runs of one JVM apart) and its {@code <pid>@<host>}. */
    public static String newRunId() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes) + "-" + RunOwner.current().token();
    }

    /** A new run of this JVM. */
    public static ApplicationName newRun(String goal) {
        return new ApplicationName(goal, newRunId());
    }

    /** {@code name} when it is a run of this JVM, else a new run of this JVM for {@code goal}. */
    public static ApplicationName ofThisJvm(String name, String goal) {
        return parse(name).filter(a -> a.owner().filter(RunOwner.current()::equals).isPresent()).orElseGet(() -> newRun(goal));
    }

    /** {@code lmsdb:<goal>:<run id>}; a goal too long for 63 bytes is cut, never the run id. */
    public String value() {
        String tail = ":" + runId;
        String g = goal;
        while (!g.isEmpty() && (PREFIX + g + tail).getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            g = g.substring(0, g.length() - 1);
        }
        return PREFIX + g + tail;
    }

    /** The same run, another goal (e.g. the pg_dump a migrate runs first). */
    public ApplicationName forGoal(String other) {
        return new ApplicationName(other, runId);
    }

    /** The JVM of the run, when the run id carries it. */
    public Optional<RunOwner> owner() {
        Matcher m = RUN_ID.matcher(runId);
        return m.matches() ? RunOwner.parse(m.group(1)) : Optional.empty();
    }

    /** An lmsdb run's application name, or empty (another client, or a name without goal and run id). */
    public static Optional<ApplicationName> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = VALUE.matcher(value.strip());
        return m.matches() ? Optional.of(new ApplicationName(m.group(1), m.group(2))) : Optional.empty();
    }

    @Override
    public String toString() {
        return value();
    }
}
