package io.github.lmsdb.core.fleet;

import io.github.lmsdb.core.app.Console;
import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.app.OperationGuard;
import io.github.lmsdb.core.app.Options;
import io.github.lmsdb.core.app.RunContext;
import io.github.lmsdb.core.catalog.Scope;
import io.github.lmsdb.core.config.Environment;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.drift.DriftReport;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.io.Sha256;
import io.github.lmsdb.core.migrate.MigrateResult;
import io.github.lmsdb.core.migrate.MigrationEntry;
import io.github.lmsdb.core.migrate.MigrationService;
import io.github.lmsdb.core.migrate.MigrationStatus;
import io.github.lmsdb.core.safety.AuditLog;
import io.github.lmsdb.core.safety.Confirmation;
import io.github.lmsdb.core.safety.Operation;
import io.github.lmsdb.core.safety.Policy;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * One goal across many databases (or schemas). Each target is worked on by its own {@link Lmsdb}, so
 * every change still goes through the one protocol on that target: its own migration lock, plan,
 * backup before, audit and stamp. The fleet adds what a release across targets needs around it:
 *
 * <ol>
 *   <li>pre-flight of every target (connect, validate the history, the pending set, the protected
 *       stamp and what the environment forbids, drift when asked), refusing the whole run before
 *       anything changes when one fails;
 *   <li>one confirmation for the fleet where the single-target protocol asks one per database (see {@link #confirmation});
 *   <li>the canary targets, alone, then waves of {@code parallel} targets; a failure halts the run
 *       (no later wave starts) or, with {@code continue}, is counted against {@code maxFailures};
 *   <li>up-to-date targets are skipped, so a rerun completes only the missing ones.
 * </ol>
 *
 * At most {@code parallel} targets are open at once (each uses the connections of one goal). Schema targets of one
 * database run in parallel too: the migration lock is per history schema.
 */
public final class Fleet {
    private static final Operation MIGRATE = Operation.MIGRATE;

    private final List<Target> targets;
    private final RunContext run;
    private final Console console;
    private final FleetOptions options;

    public Fleet(List<Target> targets, RunContext run, Console console, FleetOptions options) throws LmsdbException {
        this.targets = List.copyOf(targets);
        this.run = run;
        this.console = console;
        this.options = options.check();
    }

    public List<Target> targets() {
        return targets;
    }

    /**
     * What a person (or {@code confirm}) types to migrate this fleet where its targets are production:
     * {@code fleet-<count>-<8 hex of the SHA-256 of the target names, in order>@production}. It names
     * this exact list, so a token copied from another fleet or a staging run does not pass; it is the
     * same on a rerun, so a pipeline can keep it. Shown by pre-flight and by {@code status} on the fleet.
     */
    public static String confirmation(List<Target> targets) {
        String names = targets.stream().map(Target::name).collect(Collectors.joining("\n"));
        return Confirmation.expected(Environment.PRODUCTION, "fleet-" + targets.size() + "-" + Sha256.of(names).substring(0, 8));
    }

    // ---------------------------------------------------------------- migrate

    /** What pre-flight found on one target. */
    private record Preflight(Target target, Environment env, String version, List<MigrationEntry> pending, LmsdbException failure) {}

    /**
     * Pre-flight, then the canaries, then the waves. Returns the per-target report whether or not a target failed (see
     * {@link FleetMigrateReport#requireSuccess()}); throws only when the run is refused as a whole before any target is
     * touched (bad options, the fleet's confirmation).
     */
    public FleetMigrateReport migrate(Options.Migrate migrate) throws LmsdbException {
        if (migrate.dryRun() || migrate.plans().any()) {
            throw new LmsdbException("A dry run or a reviewed plan works on one database, not on a fleet.",
                    Hint.line("Preview on one target: ", Hint.run("migrate", Hint.set("url", "<one target's url>"), Hint.set("dryRun", "true")))
                            .then("A fleet's pre-flight already checks every target before changing any."));
        }
        long start = System.nanoTime();
        List<String> canaryNames = canaryNames();
        console.info("Pre-flight of " + targets.size() + " target(s), " + options.parallel() + " at a time"
                + (options.checkDrift() ? ", with a drift check" : "") + "...");
        List<Preflight> checked = inParallel(targets, t -> preflight(t, migrate));
        List<Preflight> failed = checked.stream().filter(p -> p.failure() != null).toList();
        if (!failed.isEmpty()) {
            List<TargetOutcome> outcomes = new ArrayList<>();
            for (Preflight p : checked) {
                outcomes.add(p.failure() == null ? TargetOutcome.untouched(p.target().name(), TargetOutcome.State.NOT_STARTED, p.version())
                        : new TargetOutcome(p.target().name(), TargetOutcome.State.PREFLIGHT_FAILED, p.version(), p.version(), List.of(),
                                Duration.ZERO, Targets.firstLine(p.failure().getMessage()), p.failure().hint()));
            }
            return new FleetMigrateReport(outcomes, List.of(), options.parallel(), "pre-flight failed", elapsed(start));
        }
        boolean baseline = migrate.baselineVersion() != null && !migrate.baselineVersion().isBlank();
        List<Preflight> toMigrate = checked.stream().filter(p -> baseline || !p.pending().isEmpty()).toList();
        console.info("Pre-flight passed: " + toMigrate.size() + " to migrate, " + (checked.size() - toMigrate.size()) + " up to date.");
        confirm(toMigrate);

        List<Preflight> canaries = new ArrayList<>();
        if (canaryNames.isEmpty()) {
            toMigrate.stream().findFirst().ifPresent(canaries::add);
        } else {
            toMigrate.stream().filter(p -> canaryNames.contains(p.target().name())).forEach(canaries::add);
        }
        List<Preflight> rest = toMigrate.stream().filter(p -> !canaries.contains(p)).toList();

        Map<String, TargetOutcome> outcomes = new LinkedHashMap<>();
        checked.stream().filter(p -> !toMigrate.contains(p))
                .forEach(p -> outcomes.put(p.target().name(), TargetOutcome.untouched(p.target().name(), TargetOutcome.State.UP_TO_DATE, p.version())));
        Progress progress = new Progress(toMigrate.size());
        String halted = null;
        for (Preflight canary : canaries) {
            console.info("Canary " + canary.target().name() + "...");
            TargetOutcome o = migrateOne(canary, migrate, progress);
            outcomes.put(o.target(), o);
            if (o.state() == TargetOutcome.State.FAILED) {
                halted = "the canary " + o.target() + " failed";
                break;
            }
        }
        int failures = 0;
        int waves = (rest.size() + options.parallel() - 1) / options.parallel();
        for (int w = 0; w < waves; w++) {
            List<Preflight> wave = rest.subList(w * options.parallel(), Math.min(rest.size(), (w + 1) * options.parallel()));
            if (halted != null) {
                wave.forEach(p -> outcomes.put(p.target().name(), TargetOutcome.untouched(p.target().name(), TargetOutcome.State.NOT_STARTED, p.version())));
                continue;
            }
            console.info("Wave " + (w + 1) + " of " + waves + ": " + wave.stream().map(p -> p.target().name()).collect(Collectors.joining(", ")));
            for (TargetOutcome o : inParallel(wave, p -> migrateOne(p, migrate, progress))) {
                outcomes.put(o.target(), o);
                if (o.state() == TargetOutcome.State.FAILED) {
                    failures++;
                }
            }
            if (options.halts(failures)) {
                halted = options.onError() == FleetOptions.OnError.HALT ? "halted at the first failure (onError=halt)"
                        : "halted after " + failures + " failure(s) (maxFailures=" + options.maxFailures() + ")";
            }
        }
        List<TargetOutcome> ordered = new ArrayList<>();
        for (Preflight p : checked) {
            ordered.add(outcomes.getOrDefault(p.target().name(),
                    TargetOutcome.untouched(p.target().name(), TargetOutcome.State.NOT_STARTED, p.version())));
        }
        return new FleetMigrateReport(ordered, canaries.stream().map(p -> p.target().name()).toList(), options.parallel(), halted,
                elapsed(start));
    }

    private List<String> canaryNames() throws LmsdbException {
        List<String> names = new ArrayList<>();
        for (String c : options.canary()) {
            Optional<Target> match = targets.stream().filter(t -> t.name().equals(c)).findFirst();
            if (match.isEmpty()) {
                List<Target> bySuffix = targets.stream().filter(t -> t.name().endsWith("/" + c)).toList();
                if (bySuffix.size() == 1) {
                    match = Optional.of(bySuffix.get(0));
                }
            }
            if (match.isEmpty()) {
                throw new LmsdbException("The canary '" + c + "' is not one of the " + targets.size() + " targets (or names several).",
                        Hint.line("Name a target as the fleet shows it, or its database or schema: ", Hint.set("canary", targets.get(0).name())));
            }
            names.add(match.get().name());
        }
        return names;
    }

    private Preflight preflight(Target target, Options.Migrate migrate) {
        String version = null;
        try (Lmsdb lmsdb = new Lmsdb(target.settings(), run, Console.SILENT)) {
            DatabaseGateway g = lmsdb.gateway();
            MigrationService migrations = lmsdb.migrations();
            version = migrations.status().last().map(MigrationEntry::version).orElse(null);
            AuditLog.Stamp stamp = AuditLog.stamp(g.connection());
            Environment env = OperationGuard.effective(target.settings().environment(), stamp);
            Policy.refuseProtected(target.settings().environment(), MIGRATE, target.database(), stamp);
            Policy.refuseForbidden(env, MIGRATE, target.database());
            List<MigrationEntry> pending = migrations.plan(migrate.baselineVersion());
            boolean baseline = migrate.baselineVersion() != null && !migrate.baselineVersion().isBlank();
            if (!baseline && version == null && !Scope.of(target.settings().schemas()).applicationTables(g.connection()).isEmpty()) {
                // Flyway would refuse it mid-run: a database that predates the plugin is adopted on its own first.
                throw new LmsdbException("has tables but no migration history: it predates the plugin.",
                        Hint.line("Adopt it first, on its own: ", Hint.run("migrate", Hint.set("url", "<its url>"), Hint.set("baselineVersion", "<its version>"))));
            }
            if (options.checkDrift()) {
                DriftReport drift = lmsdb.drift(new Options.Drift(migrate.shadowUrl(), null));
                if (drift.hasDrift()) {
                    throw new LmsdbException("drifted from its migrations (" + drift.shown().size() + " difference(s)).",
                            Hint.line("See them: ", Hint.run("drift", Hint.set("url", "<its url>")), " and adopt or undo them first."));
                }
            }
            return new Preflight(target, env, version, pending, null);
        } catch (LmsdbException e) {
            return new Preflight(target, null, version, List.of(), e);
        } catch (SQLException | RuntimeException e) {
            return new Preflight(target, null, version, List.of(), new LmsdbException(String.valueOf(e.getMessage()), Hint.NONE, e));
        }
    }

    /**
     * Asks once for the fleet when a target to migrate is treated as production (configured or stamped), where a single
     * migrate asks once per database; each target's protocol then gets its own database's token, only after this passed.
     */
    private void confirm(List<Preflight> toMigrate) throws LmsdbException {
        List<Preflight> production = toMigrate.stream().filter(p -> Confirmation.required(p.env(), MIGRATE)).toList();
        if (production.isEmpty()) {
            return;
        }
        String expected = confirmation(targets);
        Hint how = Hint.line("Confirm with ", Hint.set("confirm", expected));
        String given = options.confirm();
        if (given != null && !given.isBlank()) {
            if (given.trim().equals(expected)) {
                return;
            }
            throw new LmsdbException("Confirmation '" + given.trim() + "' does not match: a fleet migrate with " + production.size()
                    + " production target(s) needs '" + expected + "' (it names these " + targets.size() + " targets). Nothing was changed.", how);
        }
        Optional<String> answer = console.ask("Type '" + expected + "' to migrate " + toMigrate.size() + " target(s), " + production.size()
                + " of them production: ");
        if (answer.isPresent() && answer.get().trim().equals(expected)) {
            return;
        }
        throw new LmsdbException(answer.isPresent()
                ? "Confirmation '" + answer.get().trim() + "' does not match '" + expected + "'. Nothing was changed."
                : "A fleet migrate with " + production.size() + " production target(s) needs confirmation, and this build cannot ask (batch mode). "
                        + "Nothing was changed.", how);
    }

    /** Completed targets, for the live lines. */
    private static final class Progress {
        private final int total;
        private final AtomicInteger completed = new AtomicInteger();

        Progress(int total) {
            this.total = total;
        }

        String next() {
            return "[" + completed.incrementAndGet() + "/" + total + "]";
        }
    }

    private TargetOutcome migrateOne(Preflight p, Options.Migrate migrate, Progress progress) {
        Target target = p.target();
        long start = System.nanoTime();
        try {
            // The fleet's confirmation passed (or none is needed): the protocol checks this target's own token.
            String confirm = Confirmation.required(p.env(), MIGRATE) ? Confirmation.expected(p.env(), target.database()) : null;
            Options.Migrate own = new Options.Migrate(false, migrate.atomic(), migrate.baselineVersion(), migrate.backup(), confirm,
                    migrate.shadowUrl(), migrate.lockSafety(), Options.Plans.NONE);
            try (Lmsdb lmsdb = new Lmsdb(target.settings(), run, new TargetConsole(target.name(), console))) {
                MigrateResult result = lmsdb.migrate(own);
                String after = result.latest().map(MigrationEntry::version).orElse(p.version());
                List<String> applied = result.applied().stream().map(a -> a.migration().version()).toList();
                TargetOutcome o = new TargetOutcome(target.name(), TargetOutcome.State.DONE, p.version(), after, applied, elapsed(start), null, Hint.NONE);
                line(progress.next(), o);
                return o;
            }
        } catch (LmsdbException e) {
            return failed(p, start, Targets.firstLine(e.getMessage()), e.hint(), progress);
        } catch (SQLException | RuntimeException e) {
            return failed(p, start, Targets.firstLine(String.valueOf(e.getMessage())), Hint.NONE, progress);
        }
    }

    private TargetOutcome failed(Preflight p, long start, String error, Hint fix, Progress progress) {
        String after = p.version();
        try (Lmsdb lmsdb = new Lmsdb(p.target().settings(), run, Console.SILENT)) {
            after = lmsdb.migrations().status().last().map(MigrationEntry::version).orElse(null);
        } catch (LmsdbException | RuntimeException unreadable) {
            // the version before stands in the report
        }
        List<String> applied = new ArrayList<>();
        TargetOutcome o = new TargetOutcome(p.target().name(), TargetOutcome.State.FAILED, p.version(), after, applied, elapsed(start), error, fix);
        line(progress.next(), o);
        return o;
    }

    private void line(String counter, TargetOutcome o) {
        String detail = switch (o.state()) {
            case DONE -> (o.before() == null ? "none" : o.before()) + " -> " + (o.after() == null ? "none" : o.after()) + " ("
                    + o.applied().size() + " applied, " + seconds(o.took()) + ")";
            case FAILED -> o.error();
            default -> "";
        };
        synchronized (console) {
            console.info(String.format("%-9s %-6s %s  %s", counter, o.state() == TargetOutcome.State.DONE ? "done" : "FAILED", o.target(), detail));
        }
    }

    // ---------------------------------------------------------------- status

    /** One line per target, read without changing anything, {@code parallel} targets at a time. */
    public FleetStatusReport status() throws LmsdbException {
        return new FleetStatusReport(inParallel(targets, this::statusOf));
    }

    private FleetStatusReport.Line statusOf(Target target) {
        try (Lmsdb lmsdb = new Lmsdb(target.settings(), run, Console.SILENT)) {
            DatabaseGateway g = lmsdb.gateway();
            MigrationStatus status = lmsdb.migrations().status();
            AuditLog.Stamp stamp = AuditLog.stamp(g.connection());
            Integer drift = options.checkDrift() ? lmsdb.drift(new Options.Drift(null, null)).shown().size() : null;
            return new FleetStatusReport.Line(target.name(), status.last().map(MigrationEntry::version).orElse(null), status.applied().size(),
                    status.pending().stream().map(MigrationEntry::version).toList(), drift, size(g, target),
                    stamp == null ? null : stamp.environment(), null, Hint.NONE);
        } catch (LmsdbException e) {
            return new FleetStatusReport.Line(target.name(), null, 0, List.of(), null, 0, null, Targets.firstLine(e.getMessage()), e.hint());
        } catch (SQLException | RuntimeException e) {
            return new FleetStatusReport.Line(target.name(), null, 0, List.of(), null, 0, null, Targets.firstLine(String.valueOf(e.getMessage())),
                    Hint.NONE);
        }
    }

    private static long size(DatabaseGateway g, Target target) throws SQLException {
        if (target.schema() == null) {
            return g.serverInfo().databaseSizeBytes();
        }
        try (PreparedStatement ps = g.connection().prepareStatement("select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c "
                + "join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and c.relkind in ('r', 'p', 'm')")) {
            ps.setString(1, target.schema());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    // ---------------------------------------------------------------- drift

    /**
     * Each target's drift check ({@link Lmsdb#drift}: its applied migrations replayed in a shadow database and compared),
     * {@code parallel} at a time; changes nothing. Writing an adopting migration is for one target, and refused here.
     */
    public FleetDriftReport drift(Options.Drift drift) throws LmsdbException {
        if (drift.name() != null && !drift.name().isBlank()) {
            throw new LmsdbException("An adopting migration is written for one database's drift, not a fleet's. Nothing was written.",
                    Hint.line("Adopt one target's drift: ", Hint.run("drift", Hint.set("url", "<its url>"), Hint.set("name", drift.name().trim()))));
        }
        return new FleetDriftReport(inParallel(targets, t -> driftOf(t, drift)));
    }

    private FleetDriftReport.Line driftOf(Target target, Options.Drift drift) {
        try (Lmsdb lmsdb = new Lmsdb(target.settings(), run, Console.SILENT)) {
            DriftReport report = lmsdb.drift(new Options.Drift(drift.shadowUrl(), null));
            List<String> differences = report.shown().stream().map(io.github.lmsdb.core.schema.Change::description).toList();
            return new FleetDriftReport.Line(target.name(), report.appliedVersion(), differences, null, Hint.NONE);
        } catch (LmsdbException e) {
            return new FleetDriftReport.Line(target.name(), null, List.of(), Targets.firstLine(e.getMessage()), e.hint());
        } catch (SQLException | RuntimeException e) {
            return new FleetDriftReport.Line(target.name(), null, List.of(), Targets.firstLine(String.valueOf(e.getMessage())), Hint.NONE);
        }
    }

    // ---------------------------------------------------------------- backup

    /**
     * A backup of each database of the fleet through its own {@link Lmsdb#backup} (the one BackupService: manifest, checksum,
     * 0600 files, {@code keep}), {@code parallel} at a time. Each database's backups go to a folder of its own under the
     * backup directory, named after it, so that two servers' databases of one name neither collide nor prune each other's.
     * Schema targets of one database are one database: it is backed up once, its manifest counting all their tables.
     */
    public FleetBackupReport backup(io.github.lmsdb.core.backup.BackupService.Options backup) throws LmsdbException {
        Map<String, List<Target>> byDatabase = new LinkedHashMap<>();
        for (Target t : targets) {
            byDatabase.computeIfAbsent(t.databaseName(), k -> new ArrayList<>()).add(t);
        }
        List<Map.Entry<String, List<Target>>> databases = new ArrayList<>(byDatabase.entrySet());
        return new FleetBackupReport(inParallel(databases, e -> backupOf(e.getKey(), e.getValue(), backup)));
    }

    private FleetBackupReport.Line backupOf(String name, List<Target> group, io.github.lmsdb.core.backup.BackupService.Options backup) {
        io.github.lmsdb.core.config.Settings first = group.get(0).settings();
        List<String> schemas = group.get(0).schema() == null ? first.schemas() : group.stream().map(Target::schema).toList();
        io.github.lmsdb.core.config.Settings own = new io.github.lmsdb.core.config.Settings(first.connection(), schemas,
                first.migrationsDirectory(), first.seedsDirectory(), first.schemaDirectory(),
                first.backupDirectory().resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_")), first.environment(), first.embedded());
        long start = System.nanoTime();
        try (Lmsdb lmsdb = new Lmsdb(own, run, Console.SILENT)) {
            io.github.lmsdb.core.backup.BackupResult r = lmsdb.backup(backup);
            FleetBackupReport.Line line = new FleetBackupReport.Line(name, r.file(), r.manifest().sizeBytes(), r.manifest().lastMigration(),
                    elapsed(start), null, Hint.NONE);
            synchronized (console) {
                console.info(String.format("%-6s %s  %s (%s)", "done", name, r.file().getFileName(), seconds(line.took())));
            }
            return line;
        } catch (LmsdbException e) {
            return backupFailed(name, start, Targets.firstLine(e.getMessage()), e.hint());
        } catch (SQLException | RuntimeException e) {
            return backupFailed(name, start, Targets.firstLine(String.valueOf(e.getMessage())), Hint.NONE);
        }
    }

    private FleetBackupReport.Line backupFailed(String name, long start, String error, Hint fix) {
        synchronized (console) {
            console.info(String.format("%-6s %s  %s", "FAILED", name, error));
        }
        return new FleetBackupReport.Line(name, null, 0, null, elapsed(start), error, fix);
    }

    // ---------------------------------------------------------------- common

    private interface Work<T, R> {
        R on(T item) throws LmsdbException;
    }

    /** {@code work} on each item, at most {@code parallel} at once, results in the items' order. */
    private <T, R> List<R> inParallel(List<T> items, Work<T, R> work) throws LmsdbException {
        if (items.isEmpty()) {
            return List.of();
        }
        int threads = Math.min(options.parallel(), items.size());
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lmsdb-fleet-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                Callable<R> task = () -> work.on(item);
                futures.add(pool.submit(task));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LmsdbException("Interrupted while working on the fleet.", Hint.NONE, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LmsdbException l) {
                throw l;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /**
     * A target's console inside a fleet: its protocol lines (a backup before, a warning) prefixed with its name, nobody to
     * ask (the fleet confirmed once), no per-migration progress (the fleet shows one line per target).
     */
    private static final class TargetConsole extends Console.Silent {
        private final String name;
        private final Console fleet;

        TargetConsole(String name, Console fleet) {
            this.name = name;
            this.fleet = fleet;
        }

        @Override
        public void info(Hint line) {
            synchronized (fleet) {
                fleet.info(prefixed(line));
            }
        }

        @Override
        public void warn(Hint line) {
            synchronized (fleet) {
                fleet.warn(prefixed(line));
            }
        }

        private Hint prefixed(Hint line) {
            Hint out = Hint.NONE;
            for (List<Hint.Part> l : line.lines()) {
                Object[] parts = new Object[l.size() + 1];
                parts[0] = "[" + name + "] ";
                System.arraycopy(l.toArray(), 0, parts, 1, l.size());
                out = out.then(Hint.plain(parts));
            }
            return out;
        }
    }
}
