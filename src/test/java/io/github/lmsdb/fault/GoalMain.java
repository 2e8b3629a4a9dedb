package io.github.lmsdb.fault;

import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.app.Console;
import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.app.Options;
import io.github.lmsdb.core.app.RunContext;
import io.github.lmsdb.core.backup.BackupFormat;
import io.github.lmsdb.core.backup.BackupService;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.config.JdbcUrl;
import io.github.lmsdb.core.config.PasswordSource;
import io.github.lmsdb.core.config.Settings;
import io.github.lmsdb.core.error.LmsdbException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One goal run in its own JVM, for {@link KilledGoalFaultSuite} to kill with {@code kill -9}: a
 * separate JVM is what a build is, so its death takes its connections and watchdogs with it.
 *
 * <p>Arguments: goal ({@code migrate}, {@code atomic-migrate}, {@code rollback}, {@code seed},
 * {@code backup}, {@code restore}), port, database, the scenario's directory (holding
 * {@code migration/}, {@code seed/}, {@code backups/}), then the goal's own argument: rollback
 * steps, the backup format, or the file to restore. Prints {@code RUN <application name>} (how its
 * sessions show in pg_stat_activity), then {@code DONE} and exits 0, or
 * {@code FAILED: <message>} and exits 1. Reaching DONE means the test failed to kill it in time.
 */
public final class GoalMain {
    private GoalMain() {}

    public static void main(String[] args) {
        int exit;
        try {
            String goal = args[0];
            ConnectionSettings connection = new ConnectionSettings(new JdbcUrl("localhost", Integer.parseInt(args[1]), args[2], ""),
                    "postgres", null, PasswordSource.NONE, null, Duration.ofSeconds(10));
            Settings settings = TestServer.settings(connection, Path.of(args[3]).resolve("migration"));
            String extra = args.length > 4 ? args[4] : null;
            // The run id names this JVM (pid@host), as a build's does: a later run can tell it is dead.
            RunContext run = new RunContext(goal.equals("atomic-migrate") ? "migrate" : goal, "fault-suite", RunContext.newRunId(), null, null,
                    Duration.ofMinutes(5));
            System.out.println("RUN " + run.applicationName());
            System.out.flush();
            run(goal, new Lmsdb(settings, run, Console.SILENT), args[2], extra);
            System.out.println("DONE");
            exit = 0;
        } catch (LmsdbException e) {
            System.out.println("FAILED: " + e.describe());
            exit = 1;
        } catch (Exception | Error e) {
            System.out.println("FAILED: " + e);
            e.printStackTrace(System.out);
            exit = 1;
        }
        System.out.flush();
        System.exit(exit);
    }

    /** The goal through the same entry point and options records the Mojos use. */
    static void run(String goal, Lmsdb lmsdb, String database, String extra) throws Exception {
        try (lmsdb) {
            switch (goal) {
                case "migrate" -> lmsdb.migrate(new Options.Migrate(false, false, null, false, database));
                case "atomic-migrate" -> lmsdb.migrate(new Options.Migrate(false, true, null, false, database));
                case "rollback" -> lmsdb.rollback(new Options.Rollback(Integer.parseInt(extra), false, false, database));
                case "seed" -> lmsdb.seed(new Options.Seed(false, List.of(), database));
                case "backup" -> lmsdb.backup(new BackupService.Options(BackupFormat.valueOf(extra), null, 1, null));
                case "restore" -> lmsdb.restore(new Options.Restore(Path.of(extra), 1, false, false, false, database));
                default -> throw new IllegalArgumentException("Unknown goal " + goal);
            }
        }
    }
}
