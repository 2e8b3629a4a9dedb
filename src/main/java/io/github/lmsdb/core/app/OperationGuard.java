package io.github.lmsdb.core.app;

import io.github.lmsdb.core.backup.BackupResult;
import io.github.lmsdb.core.backup.BackupService;
import io.github.lmsdb.core.config.Environment;
import io.github.lmsdb.core.config.Settings;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.migrate.MigrationLock;
import io.github.lmsdb.core.migrate.MigrationService;
import io.github.lmsdb.core.safety.AuditLog;
import io.github.lmsdb.core.safety.AuditRecord;
import io.github.lmsdb.core.safety.Confirmation;
import io.github.lmsdb.core.safety.Operation;
import io.github.lmsdb.core.safety.Policy;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The one safety protocol. Every goal that changes a database runs through {@link #run}, which
 * takes the same steps in the same order:
 *
 * <ol>
 *   <li>refuse a protected database (a destructive goal run from a less protected environment
 *       than the database's stamp);
 *   <li>refuse what the environment forbids, where the environment is the stricter of the
 *       configured one and the stamp;
 *   <li>take the migration lock and plan, so the plan is what will run (a plan that cannot be
 *       made, such as a seed over pending migrations, is a refusal), and check the plan against the
 *       environment (in production, lint findings of error level that are not acknowledged are a refusal);
 *   <li>with nothing to do, record "nothing to apply" and stop: no confirmation, no backup;
 *   <li>show the plan, then confirm (the prompt or the batch token);
 *   <li>back up first, as the policy table says;
 *   <li>apply the plan, audited on success and failure;
 *   <li>stamp the database with the environment.
 * </ol>
 *
 * Refusals are audited too, where the audit table can be written.
 */
public final class OperationGuard {
    /** Audit outcomes. */
    static final String SUCCESS = "success";
    static final String FAILURE = "failure";
    static final String REFUSED = "refused";
    static final String NOTHING = "nothing to apply";

    /**
     * One operation's part in the protocol.
     *
     * @param operation what the policy knows it as
     * @param parameters recorded in the audit (never a password)
     * @param backup the user's {@code backup} parameter; the policy decides what it means
     * @param confirm the batch confirmation token, or null
     * @param mayLowerStamp whether the operation re-creates the database's content (reset, restore),
     *     so its stamp is replaced rather than only raised
     */
    public record Spec(Operation operation, Map<String, String> parameters, boolean backup, String confirm, boolean mayLowerStamp) {
        public Spec {
            parameters = Map.copyOf(parameters);
        }
    }

    /**
     * The operation's own work: a plan made under the lock, what "nothing to do" is, and applying it.
     *
     * @param <P> the plan
     * @param <R> the result
     */
    public interface Change<P, R> {
        P plan() throws LmsdbException, SQLException;

        /** Refuses a plan the environment does not allow (e.g. unacknowledged lint findings in production), changing nothing. */
        default void check(P plan, Environment env) throws LmsdbException, SQLException {}

        /** True when the plan changes nothing: the protocol then stops without asking or backing up. */
        default boolean isEmpty(P plan) {
            return false;
        }

        /** Shows the plan before the confirmation. */
        default void show(P plan) {}

        R apply(P plan) throws LmsdbException, SQLException;

        /** The result when there was nothing to do. */
        default R nothing(P plan) throws LmsdbException, SQLException {
            return apply(plan);
        }
    }

    private final Settings settings;
    private final RunContext run;
    private final Console console;
    private final Clock clock;

    public OperationGuard(Settings settings, RunContext run, Console console, Clock clock) {
        this.settings = settings;
        this.run = run;
        this.console = console;
        this.clock = clock;
    }

    /** The environment the database is treated as: the stricter of the configured one and its stamp. */
    public static Environment effective(Environment configured, AuditLog.Stamp stamp) {
        if (stamp == null) {
            return configured;
        }
        try {
            Environment stamped = Environment.parse(stamp.environment());
            return stamped.ordinal() > configured.ordinal() ? stamped : configured;
        } catch (LmsdbException unknown) {
            return configured;
        }
    }

    /** Runs a change of the database {@code target} is connected to, through every step of the protocol. */
    public <P, R> R run(Spec spec, DatabaseGateway target, MigrationService migrations, Change<P, R> change)
            throws LmsdbException, SQLException {
        String database = settings.connection().url().database();
        AuditLog.Stamp stamp = AuditLog.stamp(target.connection());
        Environment env = effective(settings.environment(), stamp);
        long start = System.nanoTime();
        String before = latestVersion(migrations);
        try {
            // A protected database first: its refusal names the stamp, which is why the stricter environment applies.
            Policy.refuseProtected(settings.environment(), spec.operation(), database, stamp);
            Policy.refuseForbidden(env, spec.operation(), database);
        } catch (LmsdbException refused) {
            audit(target, spec, env, REFUSED, start, before, before, refused.getMessage(), false);
            throw refused;
        }
        try (MigrationLock lock = MigrationLock.acquire(target.connection(), settings.historySchema(), MigrationService.LOCK_WAIT, console.migrations(false))) {
            P plan;
            try {
                plan = change.plan();
                change.check(plan, env);
            } catch (LmsdbException refused) {
                audit(target, spec, env, REFUSED, start, before, before, refused.getMessage(), false);
                throw refused;
            }
            if (change.isEmpty(plan)) {
                R result = change.nothing(plan);
                audit(target, spec, env, NOTHING, start, before, latestVersion(migrations), null, false);
                return result;
            }
            change.show(plan);
            try {
                Confirmation.check(env, spec.operation(), database, spec.confirm(), console::ask);
            } catch (LmsdbException refused) {
                audit(target, spec, env, REFUSED, start, before, before, refused.getMessage(), false);
                throw refused;
            }
            requireAuditTable(target, env);
            try {
                backupBefore(env, spec);
            } catch (LmsdbException failed) {
                audit(target, spec, env, FAILURE, start, before, before, failed.getMessage(), false);
                throw failed;
            }
            R result;
            try {
                result = change.apply(plan);
            } catch (LmsdbException | SQLException | RuntimeException e) {
                audit(target, spec, env, FAILURE, start, before, latestVersion(migrations), e.getMessage(), false);
                throw e;
            }
            stamp(target, env, spec);
            audit(target, spec, env, SUCCESS, start, before, latestVersion(migrations), null, Policy.auditRequired(env));
            return result;
        }
    }

    /**
     * The steps before a change of a database that the change replaces or creates (restore, and
     * reset of a missing database): refusals, the plan shown, the confirmation and the backup.
     * {@code current} is the database now under the name, or null when there is none.
     */
    public Environment admit(Spec spec, DatabaseGateway current, MigrationService migrations, Runnable show) throws LmsdbException, SQLException {
        String database = settings.connection().url().database();
        AuditLog.Stamp stamp = current == null ? null : AuditLog.stamp(current.connection());
        Environment env = effective(settings.environment(), stamp);
        long start = System.nanoTime();
        String before = current == null ? null : latestVersion(migrations);
        try {
            // A protected database first: its refusal names the stamp, which is why the stricter environment applies.
            Policy.refuseProtected(settings.environment(), spec.operation(), database, stamp);
            Policy.refuseForbidden(env, spec.operation(), database);
            show.run();
            Confirmation.check(env, spec.operation(), database, spec.confirm(), console::ask);
        } catch (LmsdbException refused) {
            if (current != null) {
                audit(current, spec, env, REFUSED, start, before, before, refused.getMessage(), false);
            }
            throw refused;
        }
        if (current != null) {
            requireAuditTable(current, env);
            try {
                backupBefore(env, spec);
            } catch (LmsdbException failed) {
                audit(current, spec, env, FAILURE, start, before, before, failed.getMessage(), false);
                throw failed;
            }
        }
        return env;
    }

    /** After a change that replaced or created the database: the stamp and the audit record, on the database now under the name. */
    public void completed(Spec spec, Environment env, DatabaseGateway now, MigrationService migrations, long start, String before)
            throws LmsdbException, SQLException {
        stamp(now, env, spec);
        audit(now, spec, env, SUCCESS, start, before, latestVersion(migrations), null, Policy.auditRequired(env));
    }

    /** A failed change of a database that was replaced or created: recorded on the database under the name, if any. */
    public void failed(Spec spec, Environment env, DatabaseGateway now, MigrationService migrations, long start, String before, Exception e)
            throws LmsdbException {
        if (now != null) {
            audit(now, spec, env, FAILURE, start, before, latestVersion(migrations), e.getMessage(), false);
        }
    }

    private void requireAuditTable(DatabaseGateway target, Environment env) throws LmsdbException {
        if (!Policy.auditRequired(env)) {
            return;
        }
        try {
            AuditLog.ensureTables(target.connection());
        } catch (SQLException e) {
            throw new LmsdbException("Cannot write the audit log (schema " + AuditLog.SCHEMA + ") in production: "
                    + e.getMessage().lines().findFirst().orElse("") + ". Nothing was changed.",
                    Hint.text("  Grant the user CREATE on the database, or create it once as an owner: create schema " + AuditLog.SCHEMA
                            + " authorization " + settings.connection().user() + ";"), e);
        }
    }

    /**
     * The backup the environment asks for before the operation: none, best effort (a failure
     * warns), or required (a failure stops the goal before it changes anything).
     */
    private void backupBefore(Environment env, Spec spec) throws LmsdbException {
        Policy.BackupRule rule = Policy.backupBefore(env, spec.operation(), spec.backup());
        if (rule == Policy.BackupRule.SKIP) {
            return;
        }
        if (!spec.backup()) {
            console.info(Hint.plain(Hint.set("backup", "false"), " is ignored in " + env.id() + ": a backup is always taken first."));
        }
        String database = settings.connection().url().database();
        console.info("Backing up " + database + " before the " + spec.operation().label() + "...");
        try {
            BackupResult result = backups(env).backup(BackupService.Options.automatic(run.keepAutomatic()), console.backups());
            console.info("  Saved to " + result.file());
            for (java.nio.file.Path removed : result.pruned()) {
                console.info("  Removed the older automatic backup " + removed.getFileName() + " (keeping the newest "
                        + run.keepAutomatic() + ")");
            }
        } catch (LmsdbException e) {
            if (rule == Policy.BackupRule.REQUIRED) {
                throw new LmsdbException("The backup before the " + spec.operation().label() + " failed, and in " + env.id()
                        + " that stops it: nothing was changed. " + e.getMessage(), e.hint(), e);
            }
            console.warn(Hint.plain("The backup before the " + spec.operation().label() + " failed ("
                    + e.getMessage().lines().findFirst().orElse("") + "); going on. To skip it: ", Hint.set("backup", "false")));
        } catch (SQLException e) {
            if (rule == Policy.BackupRule.REQUIRED) {
                throw new LmsdbException("The backup before the " + spec.operation().label() + " failed, and in " + env.id()
                        + " that stops it: nothing was changed. " + e.getMessage(), Hint.NONE, e);
            }
            console.warn("The backup before the " + spec.operation().label() + " failed (" + e.getMessage() + "); going on.");
        }
    }

    /** Backups of the configured database with this run's tools. */
    BackupService backups(Environment env) {
        return new BackupService(settings.connection(), settings.schemas(), settings.backupDirectory(), run.pgBinDirectory(),
                run.toolTimeout(), env, clock);
    }

    /**
     * Stamps the database with the environment, never lowering a more protected stamp unless the
     * operation re-creates it. A stamp that already names the environment is kept as it is.
     */
    private static void stamp(DatabaseGateway target, Environment env, Spec spec) throws SQLException {
        AuditLog.Stamp current = AuditLog.stamp(target.connection());
        if (current != null && env.id().equals(current.environment())) {
            return;
        }
        if (!spec.mayLowerStamp() && current != null) {
            try {
                if (Environment.parse(current.environment()).ordinal() > env.ordinal()) {
                    return;
                }
            } catch (LmsdbException unknown) {
                // an unknown stamp is replaced
            }
        }
        AuditLog.stamp(target.connection(), env.id(), spec.operation().goal());
    }

    private void audit(DatabaseGateway target, Spec spec, Environment env, String outcome, long start, String before, String after,
            String message, boolean required) throws LmsdbException {
        AuditRecord record = new AuditRecord(Instant.now(clock), spec.operation().goal(), env.id(), settings.connection().user(),
                System.getProperty("user.name"), hostName(), run.pluginVersion(), spec.parameters(), outcome,
                Duration.ofNanos(System.nanoTime() - start), before, after, message == null ? null : message.lines().findFirst().orElse(""));
        try {
            AuditLog.append(target.connection(), record, run.auditFile());
        } catch (LmsdbException | SQLException e) {
            if (required) {
                throw new LmsdbException("The " + spec.operation().goal() + " succeeded, but its audit record could not be written: "
                        + e.getMessage() + ". In production that fails the build.", Hint.text("  Make schema " + AuditLog.SCHEMA
                        + " writable for " + settings.connection().user() + (run.auditFile() == null ? "" : " and " + run.auditFile() + " writable")
                        + "."), e);
            }
            console.warn("The audit record of this " + spec.operation().goal() + " could not be written: " + e.getMessage());
        }
    }

    static String latestVersion(MigrationService migrations) {
        if (migrations == null) {
            return null;
        }
        try {
            return migrations.latestVersion().orElse(null);
        } catch (LmsdbException | RuntimeException e) {
            return null;
        }
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
