package io.github.lmsdb.core.report;

import io.github.lmsdb.core.io.ByteSize;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.db.ClientCommand;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.backup.BackupFormat;
import io.github.lmsdb.core.backup.BackupResult;
import io.github.lmsdb.core.backup.RestorePlan;
import io.github.lmsdb.core.backup.RestoreResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The text of backup and restore. */
public final class BackupRenderer {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private BackupRenderer() {}

    public static List<String> backupHeader(String database, Style style) {
        return List.of(style.strong("Creating Database Backup"), "========================", "Database: " + database);
    }

    /** {@code Creating backup... 512 MB written (61 MB/s)}. */
    public static String progress(long bytes, Duration elapsed) {
        double seconds = Math.max(0.001, elapsed.toMillis() / 1000.0);
        return "Creating backup... " + ByteSize.format(bytes) + " written (" + ByteSize.format((long) (bytes / seconds)) + "/s)";
    }

    public static List<String> backupSummary(BackupResult r, ConnectionSettings connection, Path base, Style style, Hint.Words words) {
        List<String> lines = new ArrayList<>();
        String file = relative(base, r.file());
        long rows = r.manifest().tableRows().values().stream().mapToLong(Long::longValue).sum();
        lines.add(style.good("Backup created successfully!") + " (" + Durations.format(r.took()) + ")");
        lines.add("Location: " + file);
        lines.add("Size: " + ByteSize.format(r.manifest().sizeBytes()));
        lines.add("Date: " + DATE.format(r.manifest().createdAt()));
        lines.add("Tables: " + r.manifest().tableRows().size() + " (" + rows + " rows)"
                + (r.manifest().lastMigration() == null ? "" : ", last migration " + r.manifest().lastMigration()));
        lines.add("Manifest: " + relative(base, r.manifestFile()) + " (SHA-256 " + r.manifest().sha256().substring(0, 16) + "...)");
        if (r.choice() != null) {
            lines.add(choice(r.choice()));
        }
        for (Path pruned : r.pruned()) {
            lines.add("Removed old backup: " + relative(base, pruned));
        }
        lines.addAll(Hint.plain("To restore: ", Hint.run("restore", Hint.set("file", file))).renderLines(words));
        String database = ClientCommand.shell(r.manifest().database());
        if (r.manifest().format().equals(BackupFormat.PLAIN.name().toLowerCase(java.util.Locale.ROOT))) {
            lines.add("        or: " + ClientCommand.of("psql", connection, "-d", database, "<", ClientCommand.shell(file)));
        } else {
            lines.add("        or: " + ClientCommand.of("pg_restore", connection, "-d", database, ClientCommand.shell(file)));
        }
        return lines;
    }

    /** {@code Format: directory, 2 jobs (compressed, and 5.2 GB is above 1.0 GB: one job per core)}. */
    public static String choice(io.github.lmsdb.core.backup.DumpChoice c) {
        String why = switch (c.why()) {
            case AS_SET -> "as set";
            case DIRECTORY_PER_CORE -> "directory dump: one job per core";
            case NOT_COMPRESSED -> "plain SQL: compress not set";
            case COMPRESSED_JOBS_AS_SET -> "compressed, jobs as set";
            case LARGE_COMPRESSED -> "compressed, and " + ByteSize.format(c.databaseBytes()) + " is above "
                    + ByteSize.format(io.github.lmsdb.core.backup.DumpChoice.PARALLEL_ABOVE_BYTES) + ": one job per core";
            case SMALL_COMPRESSED -> "compressed; " + ByteSize.format(c.databaseBytes()) + " is below "
                    + ByteSize.format(io.github.lmsdb.core.backup.DumpChoice.PARALLEL_ABOVE_BYTES) + ", above which it runs in parallel";
            case ONE_CORE -> "one core";
            case PLAIN_ONE_SESSION -> "plain SQL: psql loads it in one session";
            case CUSTOM_STREAMED -> "one job, so the checksum is checked while pg_restore reads the file";
        };
        return "Format: " + c.format().name().toLowerCase(java.util.Locale.ROOT) + ", " + c.jobs() + (c.jobs() == 1 ? " job" : " jobs") + " (" + why + ")";
    }

    public static List<String> restoreHeader(RestorePlan plan, boolean targetExists, Path base, Style style) {
        List<String> lines = new ArrayList<>();
        lines.add(style.strong("Restoring Database"));
        lines.add("==================");
        if (targetExists) {
            lines.add(style.bad("WARNING: This will replace the current database!"));
        }
        lines.add("Backup file: " + relative(base, plan.file()) + "  ("
                + (plan.manifest() == null ? "no manifest: checksum and row counts cannot be verified"
                        : "checksum checked while restoring, before the swap") + ")");
        lines.add((targetExists ? "Current database: " : "Target database (new): ") + plan.targetDatabase());
        return lines;
    }

    public static List<String> restoreSummary(RestoreResult r, ConnectionSettings connection, Style style, Hint.Words words) {
        List<String> lines = new ArrayList<>();
        lines.add("Verified: " + r.tables() + " tables, " + (r.verifiedAgainstManifest() ? "row counts match the manifest"
                : "tables, constraints and tables with rows match the file (no manifest to compare row counts with)"));
        if (r.previousDatabase() != null) {
            lines.add("Swapped: previous database kept as " + r.previousDatabase());
            lines.addAll(Hint.line("When you no longer need it: ", ClientCommand.of("dropdb", connection, ClientCommand.shell(r.previousDatabase())),
                    "   (or restore with ", Hint.set("keepPrevious", "false"), ")").renderLines(words));
        } else if (r.previousDropped()) {
            lines.add("Swapped: previous database dropped (keepPrevious=false)");
        } else {
            lines.add("Created " + r.plan().targetDatabase() + " (there was no database to replace)");
        }
        r.droppedAside().forEach(d -> lines.add("Dropped an older aside database: " + d + " (keepAside keeps the newest)"));
        if (r.choice() != null) {
            lines.add(choice(r.choice()));
        }
        r.warnings().forEach(w -> lines.add(style.bad("WARNING: ") + w));
        lines.add(style.good("Database restored successfully!") + " (" + Durations.format(r.took()) + ")");
        return lines;
    }

    public static String relative(Path base, Path file) {
        try {
            Path rel = base.toAbsolutePath().relativize(file.toAbsolutePath());
            return rel.startsWith("..") ? file.toString() : rel.toString();
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }
}
