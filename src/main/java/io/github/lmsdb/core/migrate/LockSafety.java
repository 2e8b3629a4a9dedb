package io.github.lmsdb.core.migrate;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How migrations and undo scripts wait for table locks: the sessions that apply them get
 * {@code lock_timeout} and {@code statement_timeout}, and a script whose transaction was cancelled
 * by the lock timeout (and rolled back) is tried again up to {@code lockRetries} more times, after
 * {@code backoff}, doubled each time, ± 25%.
 *
 * @param lockTimeout how long a statement waits for a lock; zero waits forever
 * @param statementTimeout how long a statement may run; zero is no limit
 * @param lockRetries how many times a script cancelled by the lock timeout is tried again
 * @param backoff the wait before the first retry
 */
public record LockSafety(Duration lockTimeout, Duration statementTimeout, int lockRetries, Duration backoff) {
    /** 5 s lock timeout, no statement timeout, 3 retries after 1 s, 2 s, 4 s. */
    public static final LockSafety DEFAULT = new LockSafety(Duration.ofSeconds(5), Duration.ZERO, 3, Duration.ofSeconds(1));

    /** PostgreSQL's SQL state for a statement cancelled by {@code lock_timeout}. */
    public static final String LOCK_NOT_AVAILABLE = "55P03";

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|min|h)?");

    public LockSafety {
        if (lockTimeout == null || lockTimeout.isNegative() || statementTimeout == null || statementTimeout.isNegative()
                || lockRetries < 0 || backoff == null || backoff.isNegative()) {
            throw new IllegalArgumentException("invalid lock safety " + lockTimeout + ", " + statementTimeout + ", " + lockRetries + ", " + backoff);
        }
    }

    /** The goal's parameters: {@code lockTimeout} and {@code statementTimeout} as {@code 5s}, {@code 200ms}, {@code 2min} or {@code 0}. */
    public static LockSafety of(String lockTimeout, String statementTimeout, int lockRetries) throws LmsdbException {
        if (lockRetries < 0) {
            throw new LmsdbException("Invalid lockRetries " + lockRetries + ": give 0 or more.", Hint.line("For example: ", Hint.set("lockRetries", "3")));
        }
        return new LockSafety(
                duration("lockTimeout", lockTimeout, DEFAULT.lockTimeout()),
                duration("statementTimeout", statementTimeout, DEFAULT.statementTimeout()),
                lockRetries, DEFAULT.backoff());
    }

    /** The same with another wait before the first retry (tests use a short one). */
    public LockSafety withBackoff(Duration first) {
        return new LockSafety(lockTimeout, statementTimeout, lockRetries, first);
    }

    /** {@code 5s}, {@code 200ms}, {@code 2min}, {@code 1h} or {@code 0}; a bare number other than 0 is refused (seconds or milliseconds?). */
    static Duration duration(String parameter, String value, Duration absent) throws LmsdbException {
        if (value == null || value.isBlank()) {
            return absent;
        }
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (m.matches() && (m.group(2) != null || Long.parseLong(m.group(1)) == 0)) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "min" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }
        throw new LmsdbException("Invalid " + parameter + " '" + value + "': give a duration with its unit (200ms, 5s, 2min, 1h) or 0 for none.",
                Hint.line("For example: ", Hint.set(parameter, "30s")));
    }

    /** The session settings, as SQL ({@code local}: only for the current transaction). */
    String settingsSql(boolean local) {
        String set = local ? "set local " : "set ";
        return set + "lock_timeout = '" + lockTimeout.toMillis() + "ms'; " + set + "statement_timeout = '" + statementTimeout.toMillis() + "ms'";
    }

    /** The wait before retry {@code n} (1-based): the backoff doubled n-1 times, ± 25%. */
    Duration backoff(int n) {
        long base = backoff.toMillis() << Math.min(n - 1, 20);
        long jitter = base / 4;
        return Duration.ofMillis(jitter == 0 ? base : base - jitter + ThreadLocalRandom.current().nextLong(2 * jitter + 1));
    }

    /** {@code 5 s}, {@code 200 ms}, {@code none}. */
    static String describe(Duration d) {
        if (d.isZero()) {
            return "none";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
