package io.github.lmsdb.core.app;

import io.github.lmsdb.core.backup.BackupListener;
import io.github.lmsdb.core.backup.Leftovers;
import io.github.lmsdb.core.backup.RestorePlan;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.migrate.MigrationListener;
import io.github.lmsdb.core.migrate.Plan;
import io.github.lmsdb.core.migrate.RollbackPlan;
import io.github.lmsdb.core.seed.SeedListener;
import java.util.Optional;

/**
 * What an adapter gives the use cases: a person to ask (or nobody, in batch mode), and where the
 * progress of a running operation goes. Results come back as records; this is only what happens
 * while an operation runs.
 */
public interface Console {
    /** The answer of a person at a console; empty when nobody can answer (batch mode, CI). */
    Optional<String> ask(String question);

    /** A step of the protocol or of the operation ("Backing up lms_db before the migrate..."). */
    void info(Hint line);

    /** Something went wrong that does not stop the operation. */
    void warn(Hint line);

    default void info(String line) {
        info(Hint.plain(line));
    }

    default void warn(String line) {
        warn(Hint.plain(line));
    }

    MigrationListener migrations(boolean reverting);

    BackupListener backups();

    SeedListener seeds();

    /** A reviewed plan: written for review, shown by a dry run, or about to be applied (before the confirmation). */
    default void planShown(Plan.Use use) {}

    /** The rollback about to run, shown before it is confirmed. */
    default void rollbackPlanned(RollbackPlan plan) {}

    /** The restore about to run, shown before it is confirmed; {@code replaces} when a database is there now. */
    default void restorePlanned(RestorePlan plan, boolean replaces) {}

    /** The reset about to run, shown before it is confirmed. */
    default void resetPlanned(String database, boolean exists) {}

    /** A leftover of a dead run was removed at the start of a goal: one info line (a renderer may word the size). */
    default void leftoverRemoved(Leftovers.Leftover leftover) {
        info(Leftovers.removedLine(leftover, leftover.sizeBytes() + " bytes"));
    }

    /** A console that shows nothing and cannot ask: tests and embedding callers. */
    Console SILENT = new Silent();

    /**
     * Shows nothing and cannot ask. Open for a console that shows only some lines (a fleet's target shows its protocol lines,
     * prefixed, and no per-migration progress): it overrides {@code info} and {@code warn} and keeps the rest silent.
     */
    class Silent implements Console {
        @Override
        public Optional<String> ask(String question) {
            return Optional.empty();
        }

        @Override
        public void info(Hint line) {}

        @Override
        public void warn(Hint line) {}

        @Override
        public MigrationListener migrations(boolean reverting) {
            return MigrationListener.NONE;
        }

        @Override
        public BackupListener backups() {
            return BackupListener.NONE;
        }

        @Override
        public SeedListener seeds() {
            return SeedListener.NONE;
        }
    }
}
