package io.github.lmsdb.core.report;

import io.github.lmsdb.core.io.ByteSize;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.migrate.MigrateResult;
import io.github.lmsdb.core.migrate.MigrationEntry;
import io.github.lmsdb.core.migrate.MigrationFiles;
import io.github.lmsdb.core.migrate.Preview;
import io.github.lmsdb.core.migrate.RollbackPlan;
import io.github.lmsdb.core.migrate.RollbackResult;
import io.github.lmsdb.core.catalog.SchemaChange;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The text of migrate, rollback and create, line by line. */
public final class MigrationRenderer {
    private MigrationRenderer() {}

    public static List<String> migrateHeader(boolean dryRun, Style style) {
        String title = dryRun ? "Running Database Migrations (dry run: nothing will be changed)" : "Running Database Migrations";
        return List.of(style.strong(title), "=".repeat(title.length()));
    }

    public static List<String> planned(List<MigrationEntry> pending) {
        if (pending.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add("Pending Migrations:");
        for (int i = 0; i < pending.size(); i++) {
            lines.add((i + 1) + ". " + pending.get(i).label());
        }
        lines.add("");
        return lines;
    }

    public static String started(int index, int total, MigrationEntry m) {
        return "Running migration " + index + "/" + total + ": " + m.description() + "...";
    }

    public static String completed(MigrationEntry m, Duration took, Style style) {
        return "  " + style.good(m.description() + " completed") + " (" + Durations.format(took) + ")";
    }

    public static String reverting(int index, int total, MigrationEntry m) {
        return "Reverting " + index + "/" + total + ": " + m.label() + "...";
    }

    public static String reverted(MigrationEntry m, Duration took, Style style) {
        return "  " + style.good(m.description() + " reverted") + " (" + Durations.format(took) + ")";
    }

    public static List<String> migrateSummary(MigrateResult result, Style style) {
        List<String> lines = new ArrayList<>();
        if (result.baselinedAt() != null) {
            lines.add((result.dryRun() ? "Would baseline" : "Baselined") + " at " + result.baselinedAt()
                    + ": versions up to it are marked as applied without running.");
        }
        if (result.markedApplied() != null) {
            lines.add(style.good("Recorded " + result.markedApplied().label() + " as applied without running it:")
                    + " the database already has what it makes (proved on a shadow database).");
            lines.add("Latest migration: " + result.latest().map(MigrationEntry::label).orElse("none"));
            return lines;
        }
        if (result.upToDate()) {
            lines.add(style.good("Database is up to date.") + " No pending migrations to run. Latest migration: "
                    + result.latest().map(MigrationEntry::label).orElse("none"));
            return lines;
        }
        if (result.dryRun()) {
            lines.add("Preview (each migration run on a shadow copy of the schema; the database itself was only read):");
            for (Preview p : result.previews()) {
                lines.add(p.migration().label());
                lines.addAll(changeLines(p, style));
            }
            lines.add("");
            lines.add("Dry run complete: " + result.pending().size() + " migration(s) would be applied. Nothing was changed.");
            return lines;
        }
        if (result.applied().isEmpty()) {
            lines.add("Another run applied them meanwhile. " + style.good("Database is up to date.") + " Latest migration: "
                    + result.latest().map(MigrationEntry::label).orElse("none"));
            return lines;
        }
        lines.add("");
        lines.add(style.good("All migrations completed successfully!") + " Total time: " + Durations.format(result.total())
                + (result.atomic() ? " (one transaction)" : ""));
        lines.add("Latest migration: " + result.latest().map(MigrationEntry::label).orElse("none"));
        return lines;
    }

    static List<String> changeLines(Preview p, Style style) {
        List<String> lines = new ArrayList<>();
        if (p.problem() != null) {
            lines.add("  " + style.warn("(" + p.problem() + ")"));
            lines.addAll(findingLines(p, style));
            return lines;
        }
        if (p.changes().isEmpty()) {
            lines.add("  - no schema change (data only)");
        }
        for (SchemaChange change : p.changes()) {
            lines.add("  - " + change.describe());
        }
        for (Preview.TableEffect effect : p.effects()) {
            lines.add("  " + effect(p, effect, style));
        }
        lines.addAll(findingLines(p, style));
        return lines;
    }

    /** Lint's findings in the script, as lint reports them, each under its id. */
    static List<String> findingLines(Preview p, Style style) {
        List<String> lines = new ArrayList<>();
        for (io.github.lmsdb.core.lint.Finding f : p.findings()) {
            lines.addAll(LintRenderer.finding(f, style, "  "));
        }
        return lines;
    }

    /** "AddQuizTimeLimit line 3 takes ACCESS EXCLUSIVE on quizzes (2.1 GB, about 40 M rows) and rewrites it". */
    static String effect(Preview p, Preview.TableEffect e, Style style) {
        String size = "(" + ByteSize.format(e.bytes()) + ", " + rows(e.estimatedRows()) + ")";
        String what;
        if (e.lock() != null) {
            what = "takes " + e.lock() + " on " + e.table() + " " + size + (e.rewrites() ? " and rewrites it" : "");
        } else {
            what = "rewrites " + e.table() + " " + size;
        }
        String line = p.migration().description() + " line " + e.line() + " " + what;
        return "ACCESS EXCLUSIVE".equals(e.lock()) || e.rewrites() ? style.warn(line) : line;
    }

    /** The planner's estimate as people read it: about 12 rows, about 40 M rows. */
    static String rows(long estimate) {
        return io.github.lmsdb.core.io.RowEstimate.format(estimate);
    }

    public static List<String> rollbackPreview(RollbackPlan plan, boolean dryRun, Style style) {
        List<String> lines = new ArrayList<>();
        int n = plan.steps().size();
        String title = (n == 1 ? "Rollback Last Migration" : "Rollback Last " + n + " Migrations") + (dryRun ? " (dry run)" : "");
        lines.add(style.strong(title));
        lines.add("=".repeat(title.length()));
        if (n == 1) {
            lines.add("Will revert: " + plan.steps().get(0).migration().label());
        } else {
            lines.add("Will revert, newest first:");
            plan.steps().forEach(s -> lines.add("- " + s.migration().label()));
        }
        lines.add("");
        boolean drops = plan.steps().stream().anyMatch(s -> s.preview().changes().stream().anyMatch(c -> c.action() == SchemaChange.Action.DROP));
        if (drops || plan.losesData()) {
            lines.add(style.bad("WARNING: This may result in data loss!"));
        }
        lines.add("Changes to be reverted:");
        for (RollbackPlan.Step step : plan.steps()) {
            if (n > 1) {
                lines.add(step.migration().label() + ":");
            }
            for (String line : changeLines(step.preview(), style)) {
                lines.add(n > 1 ? line : line.substring(2));
            }
        }
        List<String> loss = plan.steps().stream().flatMap(s -> s.preview().dataLoss().stream()).toList();
        lines.add("Rows that will be lost: " + (loss.isEmpty() ? "none" : String.join("; ", loss)));
        lines.add("");
        return lines;
    }

    public static List<String> rollbackSummary(RollbackResult result, Style style) {
        List<String> lines = new ArrayList<>();
        int n = result.reverted().size();
        lines.add(style.good(n == 1 ? "Migration rolled back successfully" : n + " migrations rolled back successfully")
                + " (" + Durations.format(result.total()) + ")");
        lines.add("Latest migration now: " + result.latest().map(MigrationEntry::label).orElse("none"));
        return lines;
    }

    /** The next commands after a migrate, for detailed (development) output. */
    public static List<String> nextAfterMigrate(MigrateResult result, Hint.Words words) {
        if (result.dryRun()) {
            return Hint.plain("Next: apply them with ", Hint.run("migrate")).renderLines(words);
        }
        if (result.applied().isEmpty()) {
            return List.of();
        }
        return Hint.plain("Next: ", Hint.run("seed"), " (sample data) | ", Hint.run("status"), " | undo the last one: ", Hint.run("rollback"))
                .renderLines(words);
    }

    /** The next commands after a rollback, for detailed (development) output. */
    public static List<String> nextAfterRollback(RollbackResult result, Hint.Words words) {
        return Hint.plain("Next: fix the migration(s) if needed, then re-apply them with ", Hint.run("migrate")).renderLines(words);
    }

    public static List<String> created(MigrationFiles.Created created, Path base, Hint.Words words) {
        return Hint.text("Migration created:\n  " + relative(base, created.migration()) + "\nUndo script:\n  " + relative(base, created.undo())
                        + "\n\nNext steps:\n1. Write the change in the migration and its exact reverse in the undo script")
                .then(Hint.plain("2. Preview it: ", Hint.run("migrate", Hint.set("dryRun", "true"))))
                .then(Hint.plain("3. Apply it: ", Hint.run("migrate"), " (revert with ", Hint.run("rollback"), ")"))
                .renderLines(words);
    }

    private static String relative(Path base, Path file) {
        try {
            return base.toAbsolutePath().relativize(file.toAbsolutePath()).toString();
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }
}
