package io.github.lmsdb.core.seed;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One folder of seed data, {@code 01_users/}: its name without the number, its files in name
 * order ({@code *.sql} executed, {@code *.csv} loaded into the table the file is named after), and
 * an optional {@code summary.sql} whose one value describes what the group created.
 */
public record SeedGroup(long order, String name, Path directory, List<Path> files, Path summary) {
    private static final Pattern FOLDER = Pattern.compile("(\\d{1,18})_(.+)");
    public static final String SUMMARY_FILE = "summary.sql";
    public static final String CREDENTIALS_FILE = "credentials.txt";

    public SeedGroup {
        files = List.copyOf(files);
    }

    /** The groups of {@code seeds}, by their number then name. */
    public static List<SeedGroup> discover(Path seeds) throws LmsdbException {
        if (!Files.isDirectory(seeds)) {
            throw new LmsdbException("Seeds directory not found: " + seeds + ".",
                    Hint.line("Create it with one folder per group (01_users/, 02_courses/, ...) or point to it: ", Hint.set("seedsDirectory", "<dir>")));
        }
        List<SeedGroup> groups = new ArrayList<>();
        try (Stream<Path> entries = Files.list(seeds)) {
            for (Path dir : entries.filter(Files::isDirectory).toList()) {
                Matcher m = FOLDER.matcher(dir.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                List<Path> files;
                try (Stream<Path> inside = Files.list(dir)) {
                    files = inside.filter(Files::isRegularFile)
                            .filter(f -> {
                                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                                return (n.endsWith(".sql") || n.endsWith(".csv")) && !n.equals(SUMMARY_FILE);
                            })
                            .sorted(Comparator.comparing(f -> f.getFileName().toString()))
                            .toList();
                }
                Path summary = dir.resolve(SUMMARY_FILE);
                groups.add(new SeedGroup(Long.parseLong(m.group(1)), m.group(2), dir, files, Files.isRegularFile(summary) ? summary : null));
            }
        } catch (IOException e) {
            throw new LmsdbException("Cannot read the seeds directory " + seeds + ": " + e.getMessage(), "  Check its permissions.", e);
        }
        groups.sort(Comparator.comparingLong(SeedGroup::order).thenComparing(SeedGroup::name));
        return groups;
    }

    /** The folder name ({@code 02_courses}), as users find it on disk. */
    public String folder() {
        return directory.getFileName().toString();
    }

    /** The groups named in {@code only} (in seeding order), or all when it is empty. */
    public static List<SeedGroup> select(List<SeedGroup> groups, List<String> only) throws LmsdbException {
        if (only == null || only.isEmpty()) {
            return groups;
        }
        List<String> known = groups.stream().map(SeedGroup::name).toList();
        List<String> unknown = only.stream().map(String::trim).filter(n -> !known.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new LmsdbException(
                    "Unknown seed group(s): " + String.join(", ", unknown) + ". Groups: " + String.join(", ", known) + ".",
                    Hint.line("For example: ", Hint.set("only", known.isEmpty() ? "users" : known.get(0))));
        }
        return groups.stream().filter(g -> only.stream().map(String::trim).anyMatch(g.name()::equals)).toList();
    }
}
