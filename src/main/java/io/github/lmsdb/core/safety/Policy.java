package io.github.lmsdb.core.safety;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.config.Environment;

/** What each environment allows, in one place. Confirmations are in {@link Confirmation}. */
public final class Policy {
    private Policy() {}

    /** Refuses goals an environment never allows: reset and seed in production (sample data never goes there). */
    public static void refuseForbidden(Environment environment, Operation operation, String database) throws LmsdbException {
        if (environment != Environment.PRODUCTION) {
            return;
        }
        if (operation == Operation.RESET || operation == Operation.SEED || operation == Operation.SEED_FRESH) {
            boolean reset = operation == Operation.RESET;
            throw new LmsdbException(
                    "lmsdb:" + operation.goal() + " is refused in production: it would " + (reset ? "drop every table of " : "load sample data into ")
                            + database + ". Nothing was changed.",
                    Hint.line("Run it against a development or staging database (", Hint.set("env", "development"), " with that database's ",
                            Hint.param("url"), ")."));
        }
    }

    /**
     * Development reports are detailed: they end with the next commands to run. Staging and
     * production reports stop at the facts.
     */
    public static boolean detailedOutput(Environment environment) {
        return environment == Environment.DEVELOPMENT;
    }

    /** Test accounts are printed in development only. */
    public static boolean printsCredentials(Environment environment) {
        return environment == Environment.DEVELOPMENT;
    }

    /** Whether a backup is taken before a goal changes the database, and what its failure means. */
    public enum BackupRule {
        /** No backup. */
        SKIP,
        /** Take one; if it fails, warn and go on. */
        BEST_EFFORT,
        /** Take one; if it fails, the goal fails before changing anything. */
        REQUIRED
    }

    /**
     * Before migrate, rollback, restore, reset and a fresh seed. Development: as the goal's
     * {@code backup} parameter says (on by default for migrate, rollback and restore). Staging:
     * always. Production: always, and a failed backup fails the goal.
     */
    public static BackupRule backupBefore(Environment environment, Operation operation, boolean backupParameter) {
        if (operation == Operation.SEED) {
            return BackupRule.SKIP;
        }
        return switch (environment) {
            case DEVELOPMENT -> backupParameter ? BackupRule.BEST_EFFORT : BackupRule.SKIP;
            case STAGING -> BackupRule.BEST_EFFORT;
            case PRODUCTION -> BackupRule.REQUIRED;
        };
    }

    /**
     * Whether a change refuses error-level lint findings that are not acknowledged by their ids (migrate, rollback): in
     * production only. Elsewhere previews and plans show them and nothing blocks.
     */
    public static boolean requiresAcknowledgedFindings(Environment environment) {
        return environment == Environment.PRODUCTION;
    }

    /** A failed audit record fails the goal in production only. */
    public static boolean auditRequired(Environment environment) {
        return environment == Environment.PRODUCTION;
    }

    /**
     * Refuses a destructive goal on a database stamped with a more protected environment than the
     * run's: a production database from anything but production, a staging one from development.
     * There is no override but running under the stamped environment, with its confirmation.
     */
    public static void refuseProtected(Environment environment, Operation operation, String database, AuditLog.Stamp stamp)
            throws LmsdbException {
        if (!operation.destructive() || stamp == null) {
            return;
        }
        Environment stamped;
        try {
            stamped = Environment.parse(stamp.environment());
        } catch (LmsdbException unknown) {
            return;
        }
        boolean refuse = stamped == Environment.PRODUCTION && environment != Environment.PRODUCTION
                || stamped == Environment.STAGING && environment == Environment.DEVELOPMENT;
        if (refuse) {
            throw new LmsdbException(
                    database + " is a protected database: it is stamped " + stamped.id() + " (by lmsdb:" + stamp.goal() + " on "
                            + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC).format(stamp.at())
                            + "), and this " + operation.label() + " runs as " + environment.id() + ". Refused: nothing was changed.",
                    Hint.line("The only way to proceed is under the stamped environment, with its confirmation: ", Hint.set("env", stamped.id()),
                            " ", Hint.set("confirm", Confirmation.expected(stamped, database))));
        }
    }
}
