package io.github.lmsdb.maven;

import io.github.lmsdb.core.io.ByteSize;
import io.github.lmsdb.core.app.Console;
import io.github.lmsdb.core.app.RollbackOutcome;
import io.github.lmsdb.core.config.Environment;
import io.github.lmsdb.core.migrate.MigrateResult;
import io.github.lmsdb.core.safety.Policy;
import io.github.lmsdb.core.backup.BackupListener;
import io.github.lmsdb.core.backup.Leftovers;
import io.github.lmsdb.core.backup.RestorePlan;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.migrate.MigrationEntry;
import io.github.lmsdb.core.migrate.LockRetry;
import io.github.lmsdb.core.migrate.MigrationListener;
import io.github.lmsdb.core.migrate.Plan;
import io.github.lmsdb.core.migrate.RollbackPlan;
import io.github.lmsdb.core.report.PlanRenderer;
import io.github.lmsdb.core.report.BackupRenderer;
import io.github.lmsdb.core.report.MigrationRenderer;
import io.github.lmsdb.core.report.SeedRenderer;
import io.github.lmsdb.core.report.Style;
import io.github.lmsdb.core.seed.SeedGroup;
import io.github.lmsdb.core.seed.SeedListener;
import io.github.lmsdb.core.seed.SeedResult;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.io.AtomicFile;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.logging.Log;

/**
 * The use cases' console in a Maven build: lines go through Maven's log, in Maven's words, with
 * colour only on an interactive console; questions go to the console in an interactive build and
 * get no answer in batch mode (where {@code -Dlmsdb.confirm} answers).
 */
final class MavenConsole implements Console {
    private final Log log;
    private final Style style;
    private final boolean interactive;
    private final Path base;
    private final boolean dryRun;

    MavenConsole(Log log, Style style, boolean interactive, Path base, boolean dryRun) {
        this.log = log;
        this.style = style;
        this.interactive = interactive;
        this.base = base;
        this.dryRun = dryRun;
    }

    Style style() {
        return style;
    }

    /** Logs report lines through Maven's log. */
    void print(List<String> lines) {
        lines.forEach(log::info);
    }

    /**
     * A report to the log, or with {@code output}, to that file (written atomically) with one line
     * in the log saying where it went.
     */
    void publish(List<String> lines, File output, String what) throws LmsdbException {
        if (output == null) {
            print(lines);
            return;
        }
        try {
            AtomicFile.write(output.toPath(), String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new LmsdbException("Cannot write the report to " + output + ": " + e.getMessage(),
                    Hint.line("Choose a writable file with ", Hint.set("output", "target/status.json")), e);
        }
        log.info(what + " written to " + output);
    }

    /**
     * A JSON document to {@code output}, or without one to standard output whatever the log level: a pipeline
     * running {@code mvn -q} reads it there, and it is not prefixed with {@code [INFO]} as a log line would be.
     */
    void publishDocument(String json, File output, String what) throws LmsdbException {
        if (output != null) {
            publish(List.of(json), output, what);
            return;
        }
        System.out.println(json);
        System.out.flush();
    }

    @Override
    public Optional<String> ask(String question) {
        java.io.Console console = System.console();
        if (!interactive || console == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(console.readLine("%s", question));
    }

    @Override
    public void info(Hint line) {
        line.renderLines(MavenWords.INSTANCE).forEach(log::info);
    }

    @Override
    public void warn(Hint line) {
        line.renderLines(MavenWords.INSTANCE).forEach(log::warn);
    }

    @Override
    public void leftoverRemoved(Leftovers.Leftover leftover) {
        log.info(Leftovers.removedLine(leftover, ByteSize.format(leftover.sizeBytes())));
    }

    @Override
    public MigrationListener migrations(boolean reverting) {
        return new MigrationListener() {
            @Override
            public void waiting(String message) {
                log.info(message);
            }

            @Override
            public void notice(String message) {
                log.info(message);
            }

            @Override
            public void retrying(LockRetry retry) {
                retry.lines().forEach(log::warn);
            }

            @Override
            public void planned(List<MigrationEntry> pending) {
                print(MigrationRenderer.planned(pending));
            }

            @Override
            public void started(int index, int total, MigrationEntry migration) {
                log.info(reverting ? MigrationRenderer.reverting(index, total, migration) : MigrationRenderer.started(index, total, migration));
            }

            @Override
            public void completed(int index, int total, MigrationEntry migration, Duration took) {
                log.info(reverting ? MigrationRenderer.reverted(migration, took, style) : MigrationRenderer.completed(migration, took, style));
            }
        };
    }

    @Override
    public BackupListener backups() {
        return new BackupListener() {
            @Override
            public void progress(long bytes, Duration elapsed) {
                log.info(BackupRenderer.progress(bytes, elapsed));
            }

            @Override
            public void step(String text) {
                log.info(text);
            }
        };
    }

    @Override
    public SeedListener seeds() {
        return new SeedListener() {
            @Override
            public void started(SeedGroup group) {
                log.info(SeedRenderer.started(group.name()));
            }

            @Override
            public void finished(SeedResult.Group group) {
                log.info(SeedRenderer.finished(group, style));
            }
        };
    }

    /**
     * A fleet report: the text summary in the log (or, with {@code output} and text, in that file); with JSON, the
     * per-target document to {@code output} or, without one, to standard output.
     */
    void fleetReport(List<String> text, String json, boolean asJson, File output, String what) throws LmsdbException {
        if (!asJson) {
            publish(text, output, what);
            return;
        }
        print(text);
        publishDocument(json, output, what);
    }

    /** The end of a migrate: the summary, and in development the next commands. */
    void migrated(MigrateResult result, Environment environment) {
        if (result.plan() != null && result.dryRun()) {
            return; // the plan, written or shown, said it all
        }
        print(MigrationRenderer.migrateSummary(result, style));
        if (Policy.detailedOutput(environment)) {
            print(MigrationRenderer.nextAfterMigrate(result, MavenWords.INSTANCE));
        }
    }

    /** The end of a rollback: the summary, and in development the next commands; a dry run only says it changed nothing. */
    void rolledBack(RollbackOutcome outcome, Environment environment) {
        if (outcome.dryRun() && outcome.reviewed() != null) {
            return; // the plan, written or shown, said it all
        }
        if (outcome.dryRun()) {
            log.info("Dry run: nothing was changed.");
            return;
        }
        print(MigrationRenderer.rollbackSummary(outcome.result(), style));
        if (Policy.detailedOutput(environment)) {
            print(MigrationRenderer.nextAfterRollback(outcome.result(), MavenWords.INSTANCE));
        }
    }

    @Override
    public void planShown(Plan.Use use) {
        print(PlanRenderer.render(use, style, MavenWords.INSTANCE));
    }

    @Override
    public void rollbackPlanned(RollbackPlan plan) {
        print(MigrationRenderer.rollbackPreview(plan, dryRun, style));
    }

    @Override
    public void restorePlanned(RestorePlan plan, boolean replaces) {
        print(BackupRenderer.restoreHeader(plan, replaces, base, style));
    }

    @Override
    public void resetPlanned(String database, boolean exists) {
        print(SeedRenderer.resetHeader(style));
    }
}
