package io.github.lmsdb.core.report;

import java.time.Duration;
import java.util.Locale;

/** Durations as reports show them: {@code 245 ms}, {@code 1.9 s}, {@code 2 min 5 s}. */
public final class Durations {
    private Durations() {}

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return (ms / 60_000) + " min " + (ms % 60_000) / 1000 + " s";
    }
}
