package io.github.lmsdb.core.report;

import io.github.lmsdb.core.seed.SeedResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The text of seed and reset. */
public final class SeedRenderer {
    private SeedRenderer() {}

    public static List<String> header(Style style) {
        return List.of(style.strong("Seeding Database"), "================");
    }

    public static String started(String group) {
        return "Seeding " + group + "...";
    }

    /** {@code Created 5 users (1 admin, 2 instructors, 2 students)}. */
    public static String finished(SeedResult.Group group, Style style) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Long> e : group.created().entrySet()) {
            parts.add(e.getValue() + " " + e.getKey());
        }
        if (parts.isEmpty()) {
            // Nothing new (seeding twice): the summary describes what is already there.
            return "  Created 0 rows" + (group.summary() == null ? "" : "; already there: " + group.summary());
        }
        return "  " + style.good("Created " + String.join(", ", parts)) + (group.summary() == null ? "" : " (" + group.summary() + ")");
    }

    public static List<String> summary(SeedResult result, Style style) {
        List<String> lines = new ArrayList<>();
        lines.add(style.good("Database seeded successfully!") + " (" + Durations.format(result.took()) + ")");
        lines.addAll(credentials(result));
        return lines;
    }

    /** The test accounts (development only: the result has none elsewhere). */
    public static List<String> credentials(SeedResult result) {
        List<String> lines = new ArrayList<>();
        if (!result.credentials().isEmpty()) {
            lines.add("");
            lines.add("Test Credentials:");
            result.credentials().forEach(c -> lines.add("- " + c));
        }
        return lines;
    }

    public static List<String> resetHeader(Style style) {
        return List.of(style.strong("Resetting Database"), "==================", style.bad("WARNING: This will DELETE ALL DATA!"));
    }
}
