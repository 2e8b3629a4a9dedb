package io.github.lmsdb.core.seed;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a seed run did, measured: rows per table before and after each group.
 *
 * @param emptied the tables emptied first ({@code fresh}), or empty
 * @param credentials the test accounts of credentials.txt, when the environment prints them
 */
public record SeedResult(List<Group> groups, List<String> emptied, List<String> credentials, Duration took) {
    public SeedResult {
        groups = List.copyOf(groups);
        emptied = List.copyOf(emptied);
        credentials = List.copyOf(credentials);
    }

    /** A group's created rows per table (only tables that changed), and its summary line or null. */
    public record Group(String name, Map<String, Long> created, String summary) {
        public long total() {
            return created.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
