package io.github.lmsdb.core.app;

import io.github.lmsdb.core.backup.BackupResult;
import io.github.lmsdb.core.backup.BackupFormat;
import io.github.lmsdb.core.backup.BackupService;
import io.github.lmsdb.core.backup.DumpChoice;
import io.github.lmsdb.core.backup.Leftovers;
import io.github.lmsdb.core.backup.RestorePlan;
import io.github.lmsdb.core.backup.RestoreResult;
import io.github.lmsdb.core.backup.SchemaCopy;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.config.JdbcUrl;
import io.github.lmsdb.core.config.Environment;
import io.github.lmsdb.core.catalog.Catalog;
import io.github.lmsdb.core.catalog.Scope;
import io.github.lmsdb.core.config.Settings;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.db.ServerAdmin;
import io.github.lmsdb.core.drift.DriftReport;
import io.github.lmsdb.core.drift.DriftService;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.generate.DesiredSchema;
import io.github.lmsdb.core.generate.GenerateResult;
import io.github.lmsdb.core.generate.jpa.EntitiesSchema;
import io.github.lmsdb.core.generate.GenerateService;
import io.github.lmsdb.core.generate.SqlFilesSchema;
import io.github.lmsdb.core.migrate.MigrateResult;
import io.github.lmsdb.core.migrate.MigrationEntry;
import io.github.lmsdb.core.migrate.MigrationListener;
import io.github.lmsdb.core.migrate.MigrationLock;
import io.github.lmsdb.core.migrate.MigrationService;
import io.github.lmsdb.core.migrate.MigrationStatus;
import io.github.lmsdb.core.migrate.Plan;
import io.github.lmsdb.core.migrate.Preview;
import io.github.lmsdb.core.migrate.RollbackPlan;
import io.github.lmsdb.core.safety.AuditLog;
import io.github.lmsdb.core.safety.Operation;
import io.github.lmsdb.core.safety.Policy;
import io.github.lmsdb.core.seed.SeedGroup;
import io.github.lmsdb.core.shadow.ShadowCopy;
import io.github.lmsdb.core.db.MemoryTablespace;
import io.github.lmsdb.core.db.ShadowServer;
import io.github.lmsdb.core.shadow.ShadowPreviewer;
import io.github.lmsdb.core.shadow.TargetTables;
import io.github.lmsdb.core.lint.Acknowledgements;
import io.github.lmsdb.core.lint.Finding;
import io.github.lmsdb.core.lint.LintReport;
import io.github.lmsdb.core.shadow.Linter;
import io.github.lmsdb.core.seed.SeedResult;
import io.github.lmsdb.core.seed.SeedRunner;
import io.github.lmsdb.core.io.Sha256;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The plugin's operations on one database, one method per goal, each taking its options record
 * and returning its result record. Every change goes through the {@link OperationGuard}. Maven-free:
 * a CLI or another build tool drives it the way the Mojos do, with its own {@link Console}.
 */
public final class Lmsdb implements AutoCloseable {
    private final Settings settings;
    private final RunContext run;
    private final Console console;
    private final Clock clock;
    private DatabaseGateway gateway;
    private ShadowServers shadowServers = ShadowServers.NONE;

    public Lmsdb(Settings settings, RunContext run, Console console) {
        this(settings, run, console, Clock.systemUTC());
    }

    public Lmsdb(Settings settings, RunContext run, Console console, Clock clock) {
        ConnectionSettings named = settings.connection().withApplicationName(run.applicationName());
        this.settings = settings.withConnection(named);
        this.run = run;
        this.console = console;
        this.clock = clock;
    }

    /** Connected now, with no console: for tests and callers that embed the core. */
    public static Lmsdb open(Settings settings) throws LmsdbException {
        Lmsdb lmsdb = new Lmsdb(settings, RunContext.of("embedded"), Console.SILENT);
        lmsdb.gateway();
        return lmsdb;
    }

    /** Where previews may start a local shadow server when the target's server cannot hold the shadow copy. */
    public Lmsdb shadowServers(ShadowServers servers) {
        this.shadowServers = servers == null ? ShadowServers.NONE : servers;
        return this;
    }

    public Settings settings() {
        return settings;
    }

    /** The connection to the target database, opened on first use. */
    public DatabaseGateway gateway() throws LmsdbException {
        if (gateway == null) {
            gateway = DatabaseGateway.connect(settings.connection());
        }
        return gateway;
    }

    public MigrationService migrations() throws LmsdbException {
        return migrations(gateway());
    }

    private MigrationService migrations(DatabaseGateway on) {
        return new MigrationService(on, settings.schemas(), settings.migrationsDirectory());
    }

    /**
     * Migrations whose previews (dry runs, rollback plans) run on a shadow copy of the target, on
     * {@code shadowUrl}'s server, else the target's when its user may create databases there, else a
     * local server of the target's major from {@link ShadowServers}: never on the target itself.
     */
    private MigrationService previewingMigrations(String shadowUrl) throws LmsdbException {
        DatabaseGateway target = gateway();
        ConnectionSettings shadowServer = shadowServer(shadowUrl, "the preview's shadow copy");
        // A killed preview leaves its shadow database behind: those of dead runs on this server go first.
        for (Leftovers.Leftover l : new Leftovers(shadowServer != null ? shadowServer : settings.connection(), null, null)
                .removeDead(EnumSet.of(Leftovers.Kind.SHADOW_DATABASE))) {
            console.leftoverRemoved(l);
        }
        SchemaCopy copy = new SchemaCopy(run.pgBinDirectory(), run.toolTimeout(), run.applicationName());
        return new MigrationService(target, settings.schemas(), settings.migrationsDirectory(),
                new ShadowPreviewer(target, settings.schemas(), shadowServer, copy));
    }

    /**
     * Where a shadow database goes: on {@code shadowUrl}'s server, else null (the target's server) when the target's user may
     * create databases there, else a local server of the target's major from {@link ShadowServers} (null when there is none).
     */
    private ConnectionSettings shadowServer(String shadowUrl, String what) throws LmsdbException {
        if (shadowUrl != null && !shadowUrl.isBlank()) {
            return settings.connection().withUrl(JdbcUrl.parse(shadowUrl.trim()));
        }
        DatabaseGateway target = gateway();
        try {
            return ShadowCopy.mayCreateDatabases(target.connection()) ? null : shadowServers.serverFor(target.serverInfo().majorVersion());
        } catch (SQLException e) {
            throw new LmsdbException("Cannot tell where " + what + " can live: " + e.getMessage(),
                    Hint.line("Name a server for it: ", Hint.set("shadowUrl", "jdbc:postgresql://localhost:5432/postgres")), e);
        }
    }

    private OperationGuard guard() {
        return new OperationGuard(settings, run, console, clock);
    }

    // ---------------------------------------------------------------- status

    /** Connection, migrations, tables, the leftovers of interrupted runs and the lock holder, read without changing anything. */
    public StatusReport status() throws LmsdbException, SQLException {
        return status(false);
    }

    /** The status report; with {@code checkDrift}, also the drift check's result (see {@link #drift}). */
    public StatusReport status(boolean checkDrift) throws LmsdbException, SQLException {
        DatabaseGateway g = gateway();
        MigrationService migrations = migrations(g);
        MigrationStatus migrationStatus = migrations.status();
        return new StatusReport(
                g.serverInfo(),
                settings.connection().url().hostAndPort(),
                settings.embedded(),
                settings.environment(),
                settings.migrationsDirectory(),
                migrations.migrationsDirectoryExists(),
                migrationStatus,
                Scope.of(settings.schemas()).applicationTables(g.connection()),
                AuditLog.stamp(g.connection()),
                AuditLog.latest(g.connection(), 5),
                leftovers().find(),
                MigrationLock.holder(g.connection(), settings.historySchema()).orElse(null),
                checkDrift ? drift(new Options.Drift(null, null)) : null,
                backups().stored(settings.connection().url().database()));
    }

    // ---------------------------------------------------------------- drift

    /**
     * Replays the applied migrations into a shadow database and compares it with the database; with a name, writes the
     * migration that adopts the drift. Changes nothing in the database.
     */
    public DriftReport drift(Options.Drift options) throws LmsdbException, SQLException {
        DatabaseGateway target = gateway();
        ConnectionSettings server = shadowServer(options.shadowUrl(), "the drift check's shadow database");
        String name = options.name() == null || options.name().isBlank() ? null : options.name().trim();
        return new DriftService(target, settings.schemas(), settings.migrationsDirectory())
                .check(server == null ? settings.connection() : server, name, Instant.now(clock));
    }

    // ---------------------------------------------------------------- migrate

    /**
     * Applies the pending migrations through the protocol; a dry run previews them and changes nothing. With a plan file to
     * write, previews them into a reviewed plan and changes nothing; with a plan to apply, applies exactly it, refusing under
     * the migration lock when the database no longer matches it (with a dry run, only shows it).
     */
    public MigrateResult migrate(Options.Migrate options) throws LmsdbException, SQLException {
        Options.Plans plans = options.plans().check("migrate");
        boolean baseline = options.baselineVersion() != null && !options.baselineVersion().isBlank();
        if (plans.any() && baseline) {
            throw new LmsdbException("A baseline cannot be planned: adopt the database first, then plan its migrations.",
                    Hint.line("Adopt it first: ", Hint.run("migrate", Hint.set("baselineVersion", options.baselineVersion()))));
        }
        if (plans.write() != null) {
            return writeMigratePlan(options, plans.write());
        }
        Plan approved = plans.apply() == null ? null : Plan.read(plans.apply(), Plan.MIGRATE);
        Plan.Use use = approved == null ? null : new Plan.Use(approved, plans.apply(), options.dryRun() ? Plan.Use.Mode.SHOWN : Plan.Use.Mode.APPLIED);
        if (approved != null && options.dryRun()) {
            console.planShown(use);
            List<MigrationEntry> planned = approved.steps().stream().map(s -> s.preview().migration()).toList();
            return new MigrateResult(planned, List.of(), Duration.ZERO, true, options.atomic(),
                    approved.steps().stream().map(Plan.Step::preview).toList(), migrations().status().last(), null, use);
        }
        MigrationService migrations = (options.dryRun() ? previewingMigrations(options.shadowUrl()) : migrations()).with(options.lockSafety());
        MigrationListener progress = console.migrations(false);
        if (options.dryRun()) {
            return migrations.migrate(true, options.atomic(), options.baselineVersion(), progress);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("atomic", Boolean.toString(options.atomic()));
        if (options.baselineVersion() != null) {
            parameters.put("baselineVersion", options.baselineVersion());
        }
        if (approved != null) {
            parameters.put("plan", plans.apply().toString());
            parameters.put("fingerprint", approved.fingerprint());
        }
        Acknowledgements acknowledged = approved == null ? options.acknowledged() : options.acknowledged().and(approved.acknowledged());
        if (!acknowledged.isEmpty()) {
            parameters.put("acknowledge", String.join(",", acknowledged.ids()));
        }
        OperationGuard.Spec spec = new OperationGuard.Spec(Operation.MIGRATE, parameters, options.backup(), options.confirm(), false);
        return guard().run(spec, gateway(), migrations, new OperationGuard.Change<List<MigrationEntry>, MigrateResult>() {
            @Override
            public List<MigrationEntry> plan() throws LmsdbException, SQLException {
                List<MigrationEntry> pending = migrations.plan(options.baselineVersion());
                if (approved != null) {
                    // Under the migration lock: nothing can change between this check and the apply.
                    approved.refuseDifferences(currentPlan(Plan.MIGRATE, migrateSteps(pending, null, migrations.pendingChecksums())),
                            plans.apply());
                }
                return pending;
            }

            @Override
            public void check(List<MigrationEntry> pending, Environment env) throws LmsdbException, SQLException {
                if (!Policy.requiresAcknowledgedFindings(env) || pending.isEmpty()) {
                    return;
                }
                // The approved plan's findings stand (its fingerprint and checksums were just checked); else a shadow preview.
                List<Finding> findings = approved != null ? approved.findings()
                        : previewingMigrations(options.shadowUrl()).preview(pending).stream().flatMap(p -> p.findings().stream()).toList();
                acknowledged.refuseUnacknowledged("migrate", "in " + env.id(), findings);
            }

            @Override
            public boolean isEmpty(List<MigrationEntry> pending) {
                return pending.isEmpty() && !baseline;
            }

            @Override
            public void show(List<MigrationEntry> pending) {
                if (use != null) {
                    console.planShown(use);
                } else {
                    progress.planned(pending);
                }
            }

            @Override
            public MigrateResult apply(List<MigrationEntry> pending) throws LmsdbException, SQLException {
                return migrations.migrate(false, options.atomic(), options.baselineVersion(), progress).withPlan(use);
            }

            @Override
            public MigrateResult nothing(List<MigrationEntry> pending) throws LmsdbException, SQLException {
                return migrations.migrate(false, options.atomic(), null, MigrationListener.NONE);
            }
        });
    }

    /**
     * Records the next pending migration as applied without running it, through the protocol (lock, confirmation, backup,
     * audit), after proving under the lock, on a shadow, that the database already has what the migrations up to it make.
     * For the database a hot fix was made on, once {@code drift} wrote the migration that adopts it.
     */
    public MigrateResult markApplied(Options.MarkApplied options) throws LmsdbException, SQLException {
        String version = options.version().trim();
        MigrationService migrations = migrations();
        ConnectionSettings server = shadowServer(options.shadowUrl(), "the proof's shadow database");
        DriftService proof = new DriftService(gateway(), settings.schemas(), settings.migrationsDirectory());
        OperationGuard.Spec spec = new OperationGuard.Spec(Operation.MIGRATE, Map.of("markApplied", version), options.backup(), options.confirm(),
                false);
        long start = System.nanoTime();
        return guard().run(spec, gateway(), migrations, new OperationGuard.Change<MigrationEntry, MigrateResult>() {
            @Override
            public MigrationEntry plan() throws LmsdbException, SQLException {
                return proof.proveAlreadyMade(server == null ? settings.connection() : server, version);
            }

            @Override
            public boolean isEmpty(MigrationEntry next) {
                return next == null;
            }

            @Override
            public MigrateResult apply(MigrationEntry next) throws LmsdbException, SQLException {
                MigrationEntry recorded = migrations.recordApplied(next.version());
                return new MigrateResult(List.of(next), List.of(), Duration.ofNanos(System.nanoTime() - start), false, false, List.of(),
                        migrations.status().last(), null, null, recorded);
            }

            @Override
            public MigrateResult nothing(MigrationEntry next) throws LmsdbException {
                return new MigrateResult(List.of(), List.of(), Duration.ZERO, false, false, List.of(), migrations.status().last(), null);
            }
        });
    }

    // ---------------------------------------------------------------- lint

    /**
     * Lints the pending migrations (with {@code all}, the applied ones too, by their text): previews them on a shadow copy
     * and reads the target's table sizes, read-only. Changes nothing.
     */
    public LintReport lint(Options.Lint options) throws LmsdbException, SQLException {
        MigrationService migrations = previewingMigrations(options.shadowUrl());
        List<MigrationEntry> entries = migrations.status().entries();
        List<MigrationEntry> pending = entries.stream().filter(e -> e.state() == MigrationEntry.State.PENDING && e.script() != null).toList();
        List<Preview> previews = migrations.preview(pending);
        List<Linter.Input> inputs = new ArrayList<>();
        for (MigrationEntry e : entries) {
            if (options.all() && e.state() == MigrationEntry.State.APPLIED && e.script() != null) {
                inputs.add(new Linter.Input(e, settings.migrationsDirectory().resolve(e.script()), null));
            }
        }
        for (int i = 0; i < pending.size(); i++) {
            inputs.add(new Linter.Input(pending.get(i), settings.migrationsDirectory().resolve(pending.get(i).script()), previews.get(i)));
        }
        TargetTables tables = TargetTables.read(gateway().connection(), Scope.of(settings.schemas()));
        return new Linter(tables).lint(settings.migrationsDirectory(), inputs);
    }

    /** Previews the pending migrations under the migration lock into a reviewed plan, written to {@code file}. Changes nothing. */
    private MigrateResult writeMigratePlan(Options.Migrate options, Path file) throws LmsdbException, SQLException {
        long start = System.nanoTime();
        MigrationService migrations = previewingMigrations(options.shadowUrl());
        try (MigrationLock lock = MigrationLock.acquire(gateway().connection(), settings.historySchema(), MigrationService.LOCK_WAIT, console.migrations(false))) {
            List<MigrationEntry> pending = migrations.plan(null);
            List<Preview> previews = migrations.preview(pending);
            Plan plan = currentPlan(Plan.MIGRATE, migrateSteps(pending, previews, migrations.pendingChecksums()))
                    .acknowledging(options.acknowledged().ids());
            plan.write(file);
            Plan.Use use = new Plan.Use(plan, file, Plan.Use.Mode.WRITTEN);
            console.planShown(use);
            return new MigrateResult(pending, List.of(), Duration.ofNanos(System.nanoTime() - start), true, options.atomic(), previews,
                    migrations.status().last(), null, use);
        }
    }

    private static List<Plan.Step> migrateSteps(List<MigrationEntry> pending, List<Preview> previews, Map<String, String> checksums) {
        List<Plan.Step> steps = new java.util.ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            MigrationEntry m = pending.get(i);
            steps.add(new Plan.Step(m.version(), m.description(), m.script(), checksums.get(m.version()), previews == null ? null : previews.get(i)));
        }
        return steps;
    }

    private static List<Plan.Step> rollbackSteps(RollbackPlan plan) throws LmsdbException {
        List<Plan.Step> steps = new java.util.ArrayList<>();
        for (RollbackPlan.Step s : plan.steps()) {
            String sha;
            try {
                sha = Sha256.of(s.undoScript());
            } catch (IOException e) {
                throw new LmsdbException("Cannot read the undo script " + s.undoScript() + ": " + e.getMessage(),
                        Hint.line("Check ", Hint.param("migrationsDirectory"), "."), e);
            }
            MigrationEntry m = s.migration();
            steps.add(new Plan.Step(m.version(), m.description(), s.undoScript().getFileName().toString(), sha, s.preview()));
        }
        return steps;
    }

    /**
     * A plan of these steps for the database as it is now: its name, server version, newest applied migration and the
     * fingerprint of its managed schemas' catalog. Read only; call it under the migration lock.
     */
    private Plan currentPlan(String kind, List<Plan.Step> steps) throws LmsdbException, SQLException {
        DatabaseGateway g = gateway();
        return new Plan(kind, settings.connection().url().database(), g.serverInfo().version(), OperationGuard.latestVersion(migrations(g)),
                Catalog.read(g.connection(), settings.schemas()).fingerprint(), Instant.now(clock).toString(), steps);
    }

    // ---------------------------------------------------------------- rollback

    /**
     * Reverts the newest migrations through their undo scripts, planned under the migration lock. With a plan file to write,
     * previews them into a reviewed plan and changes nothing; with a plan to apply, reverts exactly it, refusing under the
     * migration lock when the database or an undo script no longer matches it (with a dry run, only shows it).
     */
    public RollbackOutcome rollback(Options.Rollback options) throws LmsdbException, SQLException {
        Options.Plans plans = options.plans().check("rollback");
        Plan approved = plans.apply() == null ? null : Plan.read(plans.apply(), Plan.ROLLBACK);
        Plan.Use use = approved == null ? null : new Plan.Use(approved, plans.apply(), options.dryRun() ? Plan.Use.Mode.SHOWN : Plan.Use.Mode.APPLIED);
        if (approved != null && options.dryRun()) {
            console.planShown(use);
            return new RollbackOutcome(new RollbackPlan(List.of()), null, use);
        }
        MigrationService migrations = (approved != null ? migrations() : previewingMigrations(options.shadowUrl())).with(options.lockSafety());
        MigrationListener progress = console.migrations(true);
        if (plans.write() != null) {
            try (MigrationLock lock = MigrationLock.acquire(gateway().connection(), settings.historySchema(), MigrationService.LOCK_WAIT, progress)) {
                RollbackPlan plan = migrations.planRollback(options.steps());
                Plan reviewed = currentPlan(Plan.ROLLBACK, rollbackSteps(plan)).acknowledging(options.acknowledged().ids());
                reviewed.write(plans.write());
                Plan.Use written = new Plan.Use(reviewed, plans.write(), Plan.Use.Mode.WRITTEN);
                console.planShown(written);
                return new RollbackOutcome(plan, null, written);
            }
        }
        if (options.dryRun()) {
            try (MigrationLock lock = MigrationLock.acquire(gateway().connection(), settings.historySchema(), MigrationService.LOCK_WAIT, progress)) {
                RollbackPlan plan = migrations.planRollback(options.steps());
                console.rollbackPlanned(plan);
                return new RollbackOutcome(plan, null);
            }
        }
        int steps = approved != null ? approved.steps().size() : options.steps();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("steps", Integer.toString(steps));
        if (approved != null) {
            parameters.put("plan", plans.apply().toString());
            parameters.put("fingerprint", approved.fingerprint());
        }
        Acknowledgements acknowledged = approved == null ? options.acknowledged() : options.acknowledged().and(approved.acknowledged());
        if (!acknowledged.isEmpty()) {
            parameters.put("acknowledge", String.join(",", acknowledged.ids()));
        }
        OperationGuard.Spec spec = new OperationGuard.Spec(Operation.ROLLBACK, parameters, options.backup(), options.confirm(), false);
        return guard().run(spec, gateway(), migrations, new OperationGuard.Change<RollbackPlan, RollbackOutcome>() {
            @Override
            public RollbackPlan plan() throws LmsdbException, SQLException {
                if (approved == null) {
                    return migrations.planRollback(steps);
                }
                // Under the migration lock: nothing can change between this check and the apply. The approved previews stand.
                if (steps > migrations.status().applied().size()) {
                    approved.refuseDifferences(currentPlan(Plan.ROLLBACK, List.of()), plans.apply());
                }
                RollbackPlan plan = migrations.planRollback(steps, approved.steps().stream().map(Plan.Step::preview).toList());
                approved.refuseDifferences(currentPlan(Plan.ROLLBACK, rollbackSteps(plan)), plans.apply());
                return plan;
            }

            @Override
            public void check(RollbackPlan plan, Environment env) throws LmsdbException {
                if (Policy.requiresAcknowledgedFindings(env)) {
                    acknowledged.refuseUnacknowledged("rollback", "in " + env.id(),
                            plan.steps().stream().flatMap(s -> s.preview().findings().stream()).toList());
                }
            }

            @Override
            public boolean isEmpty(RollbackPlan plan) {
                return plan.steps().isEmpty();
            }

            @Override
            public void show(RollbackPlan plan) {
                if (use != null) {
                    console.planShown(use);
                } else {
                    console.rollbackPlanned(plan);
                }
            }

            @Override
            public RollbackOutcome apply(RollbackPlan plan) throws LmsdbException, SQLException {
                return new RollbackOutcome(plan, migrations.rollback(plan, progress), use);
            }

            @Override
            public RollbackOutcome nothing(RollbackPlan plan) {
                return new RollbackOutcome(plan, null, use);
            }
        });
    }

    // ---------------------------------------------------------------- seed

    /** Loads the seed groups through the protocol; refuses a half-migrated schema. */
    public SeedResult seed(Options.Seed options) throws LmsdbException, SQLException {
        SeedRunner seeds = new SeedRunner(gateway(), settings.schemas(), settings.seedsDirectory());
        List<SeedGroup> groups = SeedGroup.select(seeds.groups(), options.only());
        MigrationService migrations = migrations();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("fresh", Boolean.toString(options.fresh()));
        parameters.put("groups", groups.stream().map(SeedGroup::name).collect(Collectors.joining(",")));
        Operation operation = options.fresh() ? Operation.SEED_FRESH : Operation.SEED;
        OperationGuard.Spec spec = new OperationGuard.Spec(operation, parameters, options.backup(), options.confirm(), false);
        return guard().run(spec, gateway(), migrations, new OperationGuard.Change<List<SeedGroup>, SeedResult>() {
            @Override
            public List<SeedGroup> plan() throws LmsdbException {
                refusePending(migrations, "seed");
                return groups;
            }

            @Override
            public SeedResult apply(List<SeedGroup> chosen) throws LmsdbException, SQLException {
                if (options.fresh()) {
                    console.info(options.only().isEmpty() ? "Emptying every application table first (fresh)..."
                            : "Emptying the tables these groups load first (fresh)...");
                }
                return seeds.seed(options.fresh(), options.only().isEmpty() ? List.of() : chosen.stream().map(SeedGroup::name).toList(),
                        Policy.printsCredentials(settings.environment()), console.seeds());
            }
        });
    }

    private static void refusePending(MigrationService migrations, String what) throws LmsdbException {
        List<MigrationEntry> pending = migrations.pending();
        if (!pending.isEmpty()) {
            throw new LmsdbException(
                    "Cannot " + what + ": " + pending.size() + " migration(s) are pending: "
                            + pending.stream().map(MigrationEntry::label).collect(Collectors.joining(", ")) + ". Nothing was changed.",
                    Hint.line("Apply them first: ", Hint.run("migrate")));
        }
    }

    // ---------------------------------------------------------------- reset

    /** Drops every object of the managed schemas, migrates and seeds; creates the database when missing. */
    public ResetResult reset(Options.Reset options) throws LmsdbException, SQLException {
        long start = System.nanoTime();
        String database = settings.connection().url().database();
        OperationGuard.Spec spec = new OperationGuard.Spec(Operation.RESET, Map.of("backup", Boolean.toString(options.backup())),
                options.backup(), options.confirm(), true);
        OperationGuard guard = guard();
        Admitted admitted = admit(guard, spec, database, exists -> console.resetPlanned(database, exists));
        boolean exists = admitted.exists();
        Environment env = admitted.env();
        String before = admitted.before();
        if (!exists) {
            try (ServerAdmin admin = ServerAdmin.connect(settings.connection())) {
                admin.create(database);
            }
            console.info("Created database " + database + ".");
        }
        DatabaseGateway target = gateway();
        MigrationService migrations = migrations(target);
        try (MigrationLock lock = MigrationLock.acquire(target.connection(), settings.historySchema(), MigrationService.LOCK_WAIT, console.migrations(false))) {
            migrations.clean(MigrationListener.NONE);
            console.info("Step 1: Dropping all tables...      done");
            MigrateResult migrated = migrations.migrate(false, false, null, new MigrationListener() {
                @Override
                public void waiting(String message) {
                    console.migrations(false).waiting(message);
                }
            });
            console.info("Step 2: Running migrations...       " + migrated.applied().size() + " migrations executed");
            SeedResult seeded = new SeedRunner(target, settings.schemas(), settings.seedsDirectory())
                    .seed(false, List.of(), Policy.printsCredentials(settings.environment()), io.github.lmsdb.core.seed.SeedListener.NONE);
            long rows = seeded.groups().stream().mapToLong(SeedResult.Group::total).sum();
            console.info("Step 3: Seeding data...             done (" + seeded.groups().size() + " groups, " + rows + " rows)");
            guard.completed(spec, env, target, migrations, start, before);
            return new ResetResult(database, !exists, migrated.applied().size(), seeded, Duration.ofNanos(System.nanoTime() - start));
        } catch (LmsdbException | SQLException | RuntimeException e) {
            guard.failed(spec, env, target, migrations, start, before, e);
            throw e;
        }
    }

    /** What the protocol let through for a goal that replaces or creates the database. */
    private record Admitted(boolean exists, Environment env, String before) {}

    /**
     * The protocol's steps before a goal that replaces or creates the database: whether there is one
     * now, and if so its refusals, confirmation and backup run against it.
     */
    private Admitted admit(OperationGuard guard, OperationGuard.Spec spec, String database, java.util.function.Consumer<Boolean> show)
            throws LmsdbException, SQLException {
        boolean exists;
        try (ServerAdmin admin = ServerAdmin.connect(settings.connection())) {
            exists = admin.exists(database);
        }
        if (!exists) {
            return new Admitted(false, guard.admit(spec, null, null, () -> show.accept(false)), null);
        }
        String before = OperationGuard.latestVersion(migrations());
        return new Admitted(true, guard.admit(spec, gateway(), migrations(), () -> show.accept(true)), before);
    }

    // ---------------------------------------------------------------- backup and restore

    private BackupService backups() {
        return new BackupService(settings.connection(), settings.schemas(), settings.backupDirectory(), run.pgBinDirectory(),
                run.toolTimeout(), settings.environment(), clock);
    }

    private Leftovers leftovers() {
        return new Leftovers(settings.connection(), settings.backupDirectory(), Leftovers.systemTempDirectory());
    }

    /** Removes what dead runs left of these kinds, one line each on the console. */
    private void removeDeadLeftovers(Set<Leftovers.Kind> kinds) {
        for (Leftovers.Leftover l : leftovers().removeDead(kinds)) {
            console.leftoverRemoved(l);
        }
    }

    /**
     * A pg_dump of the database with its manifest. Changes nothing in the database; first removes
     * the unfinished backup files of dead runs from the backup directory.
     */
    public BackupResult backup(BackupService.Options options) throws LmsdbException, SQLException {
        removeDeadLeftovers(EnumSet.of(Leftovers.Kind.UNFINISHED_BACKUP));
        return backups().backup(options, console.backups());
    }

    /**
     * As {@link #backup(BackupService.Options)}, with the format and jobs chosen from the settings and,
     * when they leave it open, the database's size and this machine's cores ({@link DumpChoice}).
     */
    public BackupResult backup(Options.Backup options) throws LmsdbException, SQLException {
        boolean sizeMatters = (options.backupFormat() == null || options.backupFormat().isBlank()) && options.compress() && options.jobs() == null;
        DumpChoice choice = DumpChoice.forBackup(options.backupFormat(), options.compress(), options.jobs(),
                sizeMatters ? gateway().serverInfo().databaseSizeBytes() : -1, Runtime.getRuntime().availableProcessors());
        BackupResult result = backup(new BackupService.Options(choice.format(), options.compressionLevel(), choice.jobs(), options.keep()));
        return result.withChoice(choice);
    }

    /**
     * Restores a backup into a new database, verifies it, and swaps it in, through the protocol: the
     * current database (if any) is refused when protected, confirmed, and backed up first. First
     * removes the temporary restore databases (and copies of plain backups) of dead runs.
     */
    public RestoreResult restore(Options.Restore options) throws LmsdbException, SQLException {
        removeDeadLeftovers(EnumSet.of(Leftovers.Kind.RESTORE_DATABASE, Leftovers.Kind.RESTORE_COPY));
        if (options.file() == null) {
            throw new LmsdbException("No backup file given.",
                    Hint.line("Name it: ", Hint.run("restore", Hint.set("file", "backups/<database>_<date>_<time>.sql"))));
        }
        long start = System.nanoTime();
        BackupService service = backups();
        // The file's format decides the jobs left unset; a file that is not there is refused by planRestore, listing the backups.
        DumpChoice choice = DumpChoice.forRestore(java.nio.file.Files.exists(options.file()) ? BackupFormat.detect(options.file()) : BackupFormat.PLAIN,
                options.jobs(), Runtime.getRuntime().availableProcessors());
        BackupService.RestoreOptions restoreOptions = new BackupService.RestoreOptions(choice.jobs(), options.keepPrevious(), options.unverified(),
                options.keepAside());
        RestorePlan plan = service.planRestore(options.file(), restoreOptions);
        String database = plan.targetDatabase();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("file", plan.file().toString());
        parameters.put("keepPrevious", Boolean.toString(options.keepPrevious()));
        parameters.put("unverified", Boolean.toString(options.unverified()));
        OperationGuard.Spec spec = new OperationGuard.Spec(Operation.RESTORE, parameters, options.backup(), options.confirm(), true);
        OperationGuard guard = guard();
        Admitted admitted = admit(guard, spec, database, exists -> console.restorePlanned(plan, exists));
        boolean exists = admitted.exists();
        Environment env = admitted.env();
        String before = admitted.before();
        // The swap ends every session on the current database, this one's too.
        closeGateway();
        RestoreResult result;
        try {
            result = service.restore(plan, restoreOptions, console.backups()).withChoice(choice);
        } catch (LmsdbException | SQLException | RuntimeException e) {
            if (exists) {
                guard.failed(spec, env, gateway(), migrations(), start, before, e);
            }
            throw e;
        }
        // The swap is done: what follows must not fail the goal.
        try {
            guard.completed(spec, env, gateway(), migrations(), start, before);
        } catch (LmsdbException | SQLException | RuntimeException e) {
            console.warn("The database was restored, but recording the restore in its audit log failed: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        return result;
    }

    // ---------------------------------------------------------------- generate

    /** Writes the migration (and its undo) that makes the database match the declared schema. Changes nothing in the database. */
    public GenerateResult generate(Options.Generate options) throws LmsdbException, SQLException {
        if (options.name() == null || options.name().isBlank()) {
            throw new LmsdbException("No migration name given.", Hint.line("Name it: ", Hint.run("generate", Hint.set("name", "AddUserAvatar"))));
        }
        DesiredSchema desired = options.entities() != null ? new EntitiesSchema(options.entities()) : new SqlFilesSchema(settings.schemaDirectory());
        GenerateService service = new GenerateService(gateway(), settings.schemas(), settings.migrationsDirectory(), desired);
        GenerateService.Shadows shadows = generateShadows(options.shadowUrl());
        try {
            return service.generate(options.name().trim(), options.againstMigrations(), options.allowHazards(), true, Instant.now(clock),
                    shadows);
        } finally {
            shadows.close();
        }
    }

    /**
     * Where generate builds its shadows: on {@code shadowUrl}'s server when given; else on a local throwaway server of the
     * target's major from {@link ShadowServers} (the embedded one runs with fsync off: building a large schema there takes a
     * third of the time), started on another thread while generate checks for pending migrations; else on the target's
     * server when its user may create databases. When the local server lacks what the target has, the target's server
     * takes over if it may, with the reason in the report. On the local server, the shadows' files go to a tablespace in
     * memory when this machine has one with room ({@link MemoryTablespace}): a schema of a thousand tables is six thousand
     * files, and creating them on a disk file system costs as much as the DDL.
     */
    private GenerateService.Shadows generateShadows(String shadowUrl) throws LmsdbException, SQLException {
        DatabaseGateway target = gateway();
        ConnectionSettings targetServer = settings.connection();
        if (shadowUrl != null && !shadowUrl.isBlank()) {
            ConnectionSettings named = settings.connection().withUrl(JdbcUrl.parse(shadowUrl.trim()));
            removeDeadShadows(named);
            return GenerateService.Shadows.on(new ShadowServer(named, named.url().hostAndPort() + " (shadowUrl)", false));
        }
        int major = target.serverInfo().majorVersion();
        java.util.concurrent.FutureTask<ConnectionSettings> starting = new java.util.concurrent.FutureTask<>(() -> shadowServers.serverFor(major));
        Thread starter = new Thread(starting, "lmsdb-shadow-server");
        starter.setDaemon(true);
        starter.start();
        return new GenerateService.Shadows() {
            private Boolean targetsMay;
            private MemoryTablespace memory;

            @Override
            public ShadowServer primary() throws LmsdbException {
                ConnectionSettings local = started(starting);
                if (local != null) {
                    removeDeadShadows(local);
                    String where = "the local shadow server " + local.url().hostAndPort() + " (PostgreSQL " + major + ")";
                    if (memory == null) {
                        memory = memoryTablespace(local, target);
                    }
                    return memory == null ? new ShadowServer(local, where, false)
                            : new ShadowServer(local, where + ", files in memory (" + memory.directory().getParent() + ")", false, memory.name());
                }
                try {
                    if (targetsMayHoldThem()) {
                        return ShadowServer.targets(targetServer, "no local shadow server for PostgreSQL " + major);
                    }
                } catch (SQLException e) {
                    throw new LmsdbException("Cannot tell where generate's shadow databases can live: " + e.getMessage(),
                            Hint.line("Name a server for them: ", Hint.set("shadowUrl", "jdbc:postgresql://localhost:5432/postgres")), e);
                }
                throw new LmsdbException("lmsdb:generate builds the schemas it compares in throwaway databases, and there is no local "
                        + "PostgreSQL " + major + " server for them, and " + targetServer.user() + " may not create databases on "
                        + targetServer.url().hostAndPort() + ".",
                        Hint.line("Name a PostgreSQL " + major + " server for them: ", Hint.set("shadowUrl", "jdbc:postgresql://<host>:5432/postgres"))
                                .then("Or give " + targetServer.user() + " the CREATEDB privilege (alter role "
                                        + io.github.lmsdb.core.db.Identifiers.quote(targetServer.user()) + " createdb)."));
            }

            @Override
            public boolean targetsMayHoldThem() throws SQLException {
                if (targetsMay == null) {
                    targetsMay = ShadowCopy.mayCreateDatabases(target.connection());
                }
                return targetsMay;
            }

            @Override
            public void close() {
                if (memory != null) {
                    memory.close();
                }
            }
        };
    }

    /**
     * A tablespace in memory on the local shadow server, when this machine has room for shadows of the target's size (its
     * relations, system catalogs' included, counted); null otherwise, or when the size cannot be read: the files go to disk.
     */
    private static MemoryTablespace memoryTablespace(ConnectionSettings local, DatabaseGateway target) {
        long relations;
        try (java.sql.Statement st = target.connection().createStatement();
                java.sql.ResultSet rs = st.executeQuery("select count(*) from pg_class")) {
            rs.next();
            relations = rs.getLong(1);
        } catch (SQLException e) {
            return null;
        }
        return MemoryTablespace.memoryFileSystem(relations).map(root -> MemoryTablespace.create(local, root)).orElse(null);
    }

    private static ConnectionSettings started(java.util.concurrent.FutureTask<ConnectionSettings> starting) throws LmsdbException {
        try {
            return starting.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the shadow server", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof LmsdbException l) {
                throw l;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("Cannot start the shadow server", e.getCause());
        }
    }

    /** A killed run leaves its shadow databases behind: those of dead runs on this server go first. */
    private void removeDeadShadows(ConnectionSettings server) {
        for (Leftovers.Leftover l : new Leftovers(server, null, null).removeDead(EnumSet.of(Leftovers.Kind.SHADOW_DATABASE))) {
            console.leftoverRemoved(l);
        }
    }

    private void closeGateway() {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
    }

    @Override
    public void close() {
        closeGateway();
    }
}
