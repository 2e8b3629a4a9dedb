package io.github.lmsdb.core.migrate;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.sql.ScriptExecutor;
import io.github.lmsdb.core.sql.ScriptFailure;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.db.Identifiers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Versioned migrations over Flyway Community: Flyway applies migrations and owns the history
 * table; this class adds what Community lacks (validation messages, previews, undo through
 * {@code U<version>__<name>.sql} scripts, a bounded migration lock) and owns what users see.
 */
public final class MigrationService {
    /** How long a second run waits for the migration lock before giving up. */
    public static final Duration LOCK_WAIT = Duration.ofSeconds(120);

    private final DatabaseGateway gateway;
    private final List<String> schemas;
    private final Path migrationsDirectory;
    private final Previewer previewer;
    private final LockSafety lockSafety;

    /** A service that applies, reverts and reports, and never previews (a dry run or rollback plan is refused). */
    public MigrationService(DatabaseGateway gateway, List<String> schemas, Path migrationsDirectory) {
        this(gateway, schemas, migrationsDirectory, Previewer.NONE);
    }

    /** @param previewer answers dry runs and rollback plans without changing the target */
    public MigrationService(DatabaseGateway gateway, List<String> schemas, Path migrationsDirectory, Previewer previewer) {
        this(gateway, schemas, migrationsDirectory, previewer, LockSafety.DEFAULT);
    }

    private MigrationService(DatabaseGateway gateway, List<String> schemas, Path migrationsDirectory, Previewer previewer,
            LockSafety lockSafety) {
        this.gateway = gateway;
        this.schemas = List.copyOf(schemas);
        this.migrationsDirectory = migrationsDirectory;
        this.previewer = previewer;
        this.lockSafety = lockSafety;
    }

    /** The same service, applying migrations and undo scripts with these lock and statement timeouts and retries. */
    public MigrationService with(LockSafety safety) {
        return new MigrationService(gateway, schemas, migrationsDirectory, previewer, safety);
    }

    public Path migrationsDirectory() {
        return migrationsDirectory;
    }

    /** Whether the migrations directory exists (a status report says so when it does not). */
    public boolean migrationsDirectoryExists() {
        return Files.isDirectory(migrationsDirectory);
    }

    /** Files and history together, read without changing anything. */
    public MigrationStatus status() throws LmsdbException {
        List<MigrationEntry> entries = new ArrayList<>();
        try {
            for (MigrationInfo info : flyway().info().all()) {
                toEntry(info).ifPresent(entries::add);
            }
        } catch (FlywayException e) {
            throw new LmsdbException(
                    "Cannot read the migration status: " + e.getMessage(),
                    Hint.line("Check the migrations directory (", Hint.param("migrationsDirectory"), ", now " + migrationsDirectory + ")."),
                    e);
        }
        return new MigrationStatus(entries);
    }

    /**
     * The newest applied version (as {@link MigrationStatus#last()} reports it), from one query on
     * the history table when it is plain, else from Flyway.
     */
    public Optional<String> latestVersion() throws LmsdbException {
        Optional<Optional<String>> quick = QuickHistory.read(gateway, schemas.get(0)).flatMap(QuickHistory::latestVersion);
        if (quick.isPresent()) {
            return quick.get();
        }
        return status().last().map(MigrationEntry::version);
    }

    /**
     * The pending migrations: none, from one query on the history table and a listing of the
     * migrations directory when every file's version is applied; else Flyway's answer.
     */
    public List<MigrationEntry> pending() throws LmsdbException {
        if (QuickHistory.read(gateway, schemas.get(0)).flatMap(h -> h.nothingPending(migrationsDirectory)).orElse(false)) {
            return List.of();
        }
        return status().pending();
    }

    private static Optional<MigrationEntry> toEntry(MigrationInfo info) {
        if (!info.isVersioned()) {
            return Optional.empty();
        }
        MigrationEntry.State state = switch (info.getState()) {
            case SUCCESS, BASELINE -> MigrationEntry.State.APPLIED;
            case PENDING, ABOVE_TARGET, UNDONE, AVAILABLE, OUTDATED -> MigrationEntry.State.PENDING;
            case MISSING_SUCCESS, FUTURE_SUCCESS -> MigrationEntry.State.MISSING;
            case FAILED, MISSING_FAILED, FUTURE_FAILED -> MigrationEntry.State.FAILED;
            case IGNORED, OUT_OF_ORDER -> MigrationEntry.State.IGNORED;
            case BELOW_BASELINE, BASELINE_IGNORED -> MigrationEntry.State.BELOW_BASELINE;
            case SUPERSEDED, DELETED -> null;
        };
        if (state == null) {
            return Optional.empty();
        }
        String flywayState = info.getState().name();
        boolean fileGone = flywayState.startsWith("MISSING") || flywayState.startsWith("FUTURE");
        return Optional.of(new MigrationEntry(
                info.getVersion().getVersion(),
                info.getDescription(),
                state,
                fileGone ? null : info.getScript(),
                info.getInstalledOn() == null ? null : info.getInstalledOn().toInstant()));
    }

    // ---------------------------------------------------------------- migrate

    /**
     * Applies every pending migration in version order, each in its own transaction (or all in
     * one with {@code atomic}); with {@code dryRun}, previews them through the previewer and changes nothing.
     *
     * @param baselineVersion when not null, first marks the versions up to it as applied without
     *     running them (adopting a database that predates the plugin)
     */
    public MigrateResult migrate(boolean dryRun, boolean atomic, String baselineVersion, MigrationListener listener)
            throws LmsdbException, SQLException {
        long start = System.nanoTime();
        try (MigrationLock lock = MigrationLock.acquire(gateway.connection(), schemas.get(0), LOCK_WAIT, listener)) {
            String baselined = null;
            if (baselineVersion != null && !baselineVersion.isBlank()) {
                baselined = baseline(baselineVersion.trim(), dryRun);
            }
            // A dry run does not write the baseline, so leave out what it would mark as applied.
            List<MigrationEntry> pending = pendingAfter(dryRun ? baselined : null);
            if (dryRun) {
                listener.planned(pending);
                List<Path> scripts = pending.stream().map(p -> migrationsDirectory.resolve(p.script())).toList();
                List<Preview> previews = previewer.preview(pending, scripts, Placeholders.flyway(schemas), false);
                return new MigrateResult(pending, List.of(), elapsed(start), true, atomic, previews, status().last(), baselined);
            }
            List<MigrateResult.Applied> applied = new ArrayList<>();
            if (!pending.isEmpty()) {
                run(pending, atomic, listener, applied);
            }
            return new MigrateResult(pending, applied, elapsed(start), false, atomic, List.of(), status().last(), baselined);
        }
    }

    /**
     * Applies the migrations up to and including {@code version}, and none after it: on a shadow
     * database, to rebuild what a target with that version applied was built from. Nothing is
     * previewed, listened to or refused beyond what Flyway refuses.
     */
    public void replayTo(String version) throws LmsdbException {
        try {
            configure().target(MigrationVersion.fromVersion(version)).load().migrate();
        } catch (FlywayException e) {
            throw new LmsdbException("Replaying the migrations up to " + version + " in a shadow database failed: "
                    + firstLine(e.getMessage()), Hint.line("Check that the migrations in " + migrationsDirectory
                    + " still build the database: ", Hint.run("generate", Hint.set("against", "migrations"), Hint.set("name", "Check"))), e);
        }
    }

    /**
     * What a migrate would apply now, after refusing an invalid history (edited, missing, failed or
     * out-of-order migrations) and an invalid baseline. Changes nothing; call it under the lock.
     */
    public List<MigrationEntry> plan(String baselineVersion) throws LmsdbException {
        String baselined = baselineVersion == null || baselineVersion.isBlank() ? null : baseline(baselineVersion.trim(), true);
        return pendingAfter(baselined);
    }

    /** The previews of these pending migrations, through the previewer. Changes nothing in the target; call it under the lock. */
    public List<Preview> preview(List<MigrationEntry> pending) throws LmsdbException, SQLException {
        return previewer.preview(pending, pending.stream().map(p -> migrationsDirectory.resolve(p.script())).toList(), Placeholders.flyway(schemas),
                false);
    }

    /**
     * Records the next pending migration, {@code version} (its version or name), as applied without running it: one history row as Flyway writes
     * it (type SQL, its description, script and checksum, execution time 0), so that Flyway validates it afterwards like any
     * applied one. For a database that already has what the migration makes (a hot fix adopted by {@code drift}); the caller
     * proves that. Refuses a version that is not the next pending one. Call it under the migration lock.
     *
     * @return the migration now recorded as applied
     */
    public MigrationEntry recordApplied(String version) throws LmsdbException, SQLException {
        MigrationInfo next;
        try {
            next = java.util.Arrays.stream(flyway().info().pending()).filter(MigrationInfo::isVersioned).findFirst().orElse(null);
        } catch (FlywayException e) {
            throw new LmsdbException("Cannot read the pending migrations: " + firstLine(e.getMessage()),
                    Hint.line("Check the migrations directory (", Hint.param("migrationsDirectory"), ", now " + migrationsDirectory + ")."), e);
        }
        if (next == null || !names(next.getVersion().getVersion(), next.getDescription(), version)) {
            throw new LmsdbException("Cannot record " + version + " as applied: " + (next == null ? "nothing is pending"
                    : "the next pending migration is " + toEntry(next).map(MigrationEntry::label).orElse(next.getVersion().getVersion()))
                    + ". Only the next pending migration can be recorded, so the history stays in order. Nothing was changed.",
                    Hint.line("See what is pending with ", Hint.run("status"), "; apply the ones before it first: ", Hint.run("migrate")));
        }
        String history = Identifiers.qualified(schemas.get(0), DatabaseGateway.FLYWAY_HISTORY_TABLE);
        Connection c = gateway.connection();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement lock = c.createStatement();
                PreparedStatement insert = c.prepareStatement("insert into " + history
                        + " (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)"
                        + " select coalesce(max(installed_rank), 0) + 1, ?, ?, 'SQL', ?, ?, current_user, 0, true from " + history)) {
            // Flyway itself takes this lock while it migrates: no rank can be taken twice.
            lock.execute("lock table " + history + " in share row exclusive mode");
            insert.setString(1, next.getVersion().getVersion());
            insert.setString(2, next.getDescription());
            insert.setString(3, next.getScript());
            if (next.getChecksum() == null) {
                insert.setNull(4, java.sql.Types.INTEGER);
            } else {
                insert.setInt(4, next.getChecksum());
            }
            insert.executeUpdate();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return toEntry(next).orElseThrow();
    }

    /**
     * Whether {@code given} names the migration of this version and description: its version, or its name as written in the
     * file name ({@code AdoptHotfix} for {@code V20261201120000__AdoptHotfix.sql}, whose description Flyway spells with spaces).
     */
    public static boolean names(String version, String description, String given) {
        String g = given.trim();
        return sameVersion(version, g) || description != null && description.equalsIgnoreCase(g.replace('_', ' '));
    }

    /** Flyway's versions compare by their parts ({@code 1.0} is {@code 1}); a leading {@code V} is forgiven. */
    public static boolean sameVersion(String a, String b) {
        try {
            return MigrationVersion.fromVersion(strip(a)).equals(MigrationVersion.fromVersion(strip(b)));
        } catch (FlywayException notAVersion) {
            return false;
        }
    }

    private static String strip(String version) {
        String v = version.trim();
        return v.startsWith("V") || v.startsWith("v") ? v.substring(1) : v;
    }

    /** Flyway's checksum of each pending migration's file (what the history table will record), by version. */
    public java.util.Map<String, String> pendingChecksums() throws LmsdbException {
        java.util.Map<String, String> checksums = new java.util.LinkedHashMap<>();
        try {
            for (MigrationInfo info : flyway().info().pending()) {
                if (info.isVersioned()) {
                    checksums.put(info.getVersion().getVersion(), String.valueOf(info.getChecksum()));
                }
            }
        } catch (FlywayException e) {
            throw new LmsdbException("Cannot read the pending migrations' checksums: " + e.getMessage(),
                    Hint.line("Check the migrations directory (", Hint.param("migrationsDirectory"), ", now " + migrationsDirectory + ")."), e);
        }
        return checksums;
    }

    private List<MigrationEntry> pendingAfter(String baselined) throws LmsdbException {
        List<MigrationInfo> infos = List.of(flyway().info().all());
        refuseInvalidHistory(infos);
        MigrationVersion baselineAt = baselined != null ? MigrationVersion.fromVersion(baselined) : null;
        return infos.stream()
                .filter(i -> i.isVersioned() && i.getState() == MigrationState.PENDING)
                .filter(i -> baselineAt == null || i.getVersion().compareTo(baselineAt) > 0)
                .map(i -> toEntry(i).orElseThrow())
                .toList();
    }

    /**
     * Runs Flyway with the lock and statement timeouts on its sessions (set when it connects: Flyway opens its own
     * connections from the data source). A migration (or the atomic group) that ran in a transaction and was cancelled by the lock timeout
     * was rolled back whole, so Flyway is run again from it, after a backoff; one that ran outside a transaction is not.
     */
    private void run(List<MigrationEntry> pending, boolean atomic, MigrationListener listener,
            List<MigrateResult.Applied> applied) throws LmsdbException, SQLException {
        ProgressCallback progress = new ProgressCallback(pending, listener, applied);
        MigrationEntry lastFailing = null;
        for (int retry = 1; ; retry++) {
            int appliedBefore = applied.size();
            try {
                org.flywaydb.core.api.output.MigrateResult result = configure()
                        .callbacks(progress, new SessionSettings(lockSafety.settingsSql(false)))
                        .group(atomic)
                        .load()
                        .migrate();
                if (!result.success) {
                    throw new LmsdbException("Flyway reported an unsuccessful migration without an error.", "  Run with -X to see Flyway's log.");
                }
                return;
            } catch (FlywayMigrateException e) {
                if (!lockTimedOut(e) || !(atomic || e.isExecutableInTransaction())) {
                    throw migrationFailed(e, progress.current(), atomic);
                }
                if (atomic) {
                    // The group's transaction was rolled back: what it reported as applied is not.
                    applied.subList(appliedBefore, applied.size()).clear();
                }
                MigrationEntry failing = progress.current();
                if (!atomic && failing != lastFailing) {
                    // The migrations before it were applied: its retries are its own.
                    retry = 1;
                    lastFailing = failing;
                }
                String what = (atomic ? "The atomic group of pending migrations, at " : "Migration ")
                        + (failing != null ? failing.label() : "?");
                List<LockBlocker> blockers = LockBlocker.find(gateway.connection(), schemas);
                if (retry > lockSafety.lockRetries()) {
                    throw lockGaveUp(what, atomic ? "Every change of this run was rolled back (atomic)."
                            : "Its changes were rolled back; the migrations before it stay applied.", "migrate", blockers, e);
                }
                Duration wait = lockSafety.backoff(retry);
                listener.retrying(new LockRetry(what, retry, lockSafety.lockRetries(), wait, lockSafety.lockTimeout(), blockers));
                pause(wait);
            } catch (FlywayException e) {
                throw new LmsdbException("Migration failed: " + e.getMessage(), recovery(null, atomic), e);
            }
        }
    }

    private static boolean lockTimedOut(FlywayMigrateException e) {
        SQLException sql = findSqlException(e);
        return LockSafety.LOCK_NOT_AVAILABLE.equals(e.getSqlState()) || sql != null && LockSafety.LOCK_NOT_AVAILABLE.equals(sql.getSQLState());
    }

    /** The last try was cancelled by the lock timeout too: name who held the locks, and the two ways out. */
    private LmsdbException lockGaveUp(String what, String rolledBack, String goal, List<LockBlocker> blockers, Exception cause)
            throws LmsdbException {
        StringBuilder message = new StringBuilder(what + " could not take its locks: "
                + (lockSafety.lockRetries() == 0 ? "it" : "each of its " + (lockSafety.lockRetries() + 1) + " tries")
                + " waited longer than the lock timeout (" + LockSafety.describe(lockSafety.lockTimeout()) + ") and was rolled back.");
        message.append("\n  ").append(rolledBack);
        if (blockers.isEmpty()) {
            message.append("\n  No session holds a lock on the tables of ").append(String.join(", ", schemas)).append(" any more.");
        }
        blockers.forEach(b -> message.append("\n  Held by ").append(b.describe()));
        message.append("\n  Applied now: ").append(status().last().map(MigrationEntry::label).orElse("nothing"));
        Hint hint = Hint.line("Let it wait longer for the locks: ", Hint.run(goal, Hint.set("lockTimeout", "30s")));
        for (LockBlocker b : blockers) {
            hint = hint.then("Or end session " + b.pid() + " (" + b.applicationName() + ") when it is safe to: select pg_terminate_backend("
                    + b.pid() + "); then run: ", Hint.run(goal));
        }
        return new LmsdbException(message.toString(), hint, cause);
    }

    private static void pause(Duration wait) throws LmsdbException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LmsdbException("Interrupted while waiting to retry a migration.", "  Run it again.", e);
        }
    }

    private LmsdbException migrationFailed(FlywayMigrateException e, MigrationEntry failing, boolean atomic) throws LmsdbException {
        MigrationInfo info = e.getMigration();
        String label = info != null ? info.getVersion().getVersion() + " " + info.getDescription()
                : failing != null ? failing.label() : "unknown migration";
        String file = info != null && info.getScript() != null ? info.getScript() : failing != null ? failing.script() : "?";
        SQLException sql = findSqlException(e);
        String pgError = sql != null ? firstLine(sql.getMessage()) : firstLine(e.getMessage());
        String state = e.getSqlState() != null ? e.getSqlState() : sql != null ? sql.getSQLState() : "unknown";
        StringBuilder message = new StringBuilder("Migration " + label + " failed: " + pgError + " (SQL state " + state + ")");
        message.append("\n  File: ").append(migrationsDirectory.resolve(file));
        if (e.getLineNumber() > 0) {
            message.append(" line ").append(e.getLineNumber());
        }
        if (atomic) {
            message.append("\n  All pending migrations ran in one transaction (atomic): every change of this run was rolled back.");
        } else if (e.isExecutableInTransaction()) {
            message.append("\n  Its changes were rolled back (it ran in a transaction); the migrations before it stay applied.");
        } else {
            message.append("\n  It ran outside a transaction (e.g. CREATE INDEX CONCURRENTLY): its changes may be PARTIALLY APPLIED.");
        }
        Optional<MigrationEntry> latest = status().last();
        message.append("\n  Applied now: ").append(latest.map(MigrationEntry::label).orElse("nothing"));
        return new LmsdbException(message.toString(), recovery(file, atomic || e.isExecutableInTransaction()), e);
    }

    private Hint recovery(String file, boolean rolledBack) {
        if (rolledBack) {
            return Hint.plain("To recover:")
                    .then("1. Fix " + (file == null ? "the migration" : file))
                    .then("2. Run: ", Hint.run("migrate"));
        }
        return Hint.plain("To recover:")
                .then("1. Inspect what it left behind: ", Hint.run("status"))
                .then("2. Revert it: ", Hint.run("rollback"), " (runs its undo script), or undo its partial changes by hand")
                .then("3. Fix " + (file == null ? "the migration" : file) + ", then run: ", Hint.run("migrate"));
    }

    private static SQLException findSqlException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        return s == null ? "unknown error" : s.lines().findFirst().orElse("").trim();
    }

    /** Refuses, before anything runs, a history that does not match the files. */
    private void refuseInvalidHistory(List<MigrationInfo> infos) throws LmsdbException {
        List<String> edited = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (MigrationInfo i : infos) {
            if (!i.isVersioned()) {
                continue;
            }
            switch (i.getState()) {
                case SUCCESS -> {
                    if (!i.isChecksumMatching()) {
                        edited.add(i.getScript());
                    }
                }
                case MISSING_SUCCESS, FUTURE_SUCCESS -> missing.add(i.getVersion().getVersion() + " " + i.getDescription());
                case FAILED, MISSING_FAILED, FUTURE_FAILED -> failed.add(i.getVersion().getVersion() + " " + i.getDescription());
                case IGNORED -> ignored.add(i.getScript());
                default -> { }
            }
        }
        if (!failed.isEmpty()) {
            throw new LmsdbException(
                    "A migration failed earlier and may be partially applied: " + String.join(", ", failed) + ".",
                    Hint.line("Revert it: ", Hint.run("rollback"), " (runs its undo script), fix the file, then run: ", Hint.run("migrate")));
        }
        if (!edited.isEmpty()) {
            throw new LmsdbException(
                    "Applied migration(s) edited after they were applied (checksum differs from the history): " + String.join(", ", edited) + ".",
                    Hint.line("Restore the applied version of each file (git checkout -- " + migrationsDirectory + "), and put the change in a new migration:")
                            .then(Hint.run("create", Hint.set("name", "<WhatItChanges>"))));
        }
        if (!missing.isEmpty()) {
            throw new LmsdbException(
                    "Applied migration(s) whose file is gone from " + migrationsDirectory + ": " + String.join(", ", missing) + ".",
                    Hint.line("Restore the files (git checkout -- " + migrationsDirectory + "), or revert them first with ", Hint.run("rollback"), " while the undo scripts exist."));
        }
        if (!ignored.isEmpty()) {
            throw new LmsdbException(
                    "Migration file(s) older than the newest applied migration were never applied: " + String.join(", ", ignored) + ".",
                    Hint.line("Give each a version newer than the newest applied one (", Hint.run("create", Hint.set("name", "<Name>")), " makes a new file) and move its SQL there."));
        }
    }

    private String baseline(String version, boolean dryRun) throws LmsdbException {
        if (!version.matches("\\d+(\\.\\d+)*")) {
            throw new LmsdbException("Invalid baseline version '" + version + "'.", Hint.line("Give a migration version, e.g. ", Hint.set("baselineVersion", "20231114110000")));
        }
        List<MigrationInfo> applied = Stream.of(flyway().info().applied()).toList();
        if (!applied.isEmpty()) {
            throw new LmsdbException(
                    "Cannot baseline at " + version + ": the database already has " + applied.size() + " migration(s) in its history.",
                    Hint.line("A baseline adopts a database that predates the plugin, once. Run without ", Hint.param("baselineVersion"), "."));
        }
        if (!dryRun) {
            try {
                configure()
                        .baselineVersion(version)
                        .baselineDescription("Baseline (adopted by lmsdb)")
                        .load()
                        .baseline();
            } catch (FlywayException e) {
                throw new LmsdbException("Baseline at " + version + " failed: " + e.getMessage(), "  Check the version and the schemas.", e);
            }
        }
        return version;
    }

    /** Sets the lock and statement timeouts on each session Flyway opens to apply migrations. */
    private record SessionSettings(String sql) implements Callback {
        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.AFTER_CONNECT;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            try (Statement st = context.getConnection().createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                throw new FlywayException("Cannot set the lock and statement timeouts (" + sql + "): " + e.getMessage(), e);
            }
        }

        @Override
        public String getCallbackName() {
            return "lmsdb-session-settings";
        }
    }

    /** Reports each migration's start and end to the listener, from Flyway's callbacks. */
    private static final class ProgressCallback implements Callback {
        private final List<MigrationEntry> pending;
        private final MigrationListener listener;
        private final List<MigrateResult.Applied> applied;
        private MigrationEntry current;
        private long started;

        ProgressCallback(List<MigrationEntry> pending, MigrationListener listener, List<MigrateResult.Applied> applied) {
            this.pending = pending;
            this.listener = listener;
            this.applied = applied;
        }

        MigrationEntry current() {
            return current;
        }

        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            MigrationInfo info = context.getMigrationInfo();
            if (info == null || info.getVersion() == null) {
                return;
            }
            String version = info.getVersion().getVersion();
            int index = 0;
            for (int i = 0; i < pending.size(); i++) {
                if (pending.get(i).version().equals(version)) {
                    index = i + 1;
                    current = pending.get(i);
                }
            }
            if (event == Event.BEFORE_EACH_MIGRATE) {
                started = System.nanoTime();
                listener.started(index, pending.size(), current);
            } else {
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                applied.add(new MigrateResult.Applied(current, took));
                listener.completed(index, pending.size(), current, took);
            }
        }

        @Override
        public String getCallbackName() {
            return "lmsdb-progress";
        }
    }

    // ---------------------------------------------------------------- rollback

    /**
     * Plans a rollback of the last {@code steps} applied migrations, newest first: checks each
     * has its undo script and previews what reverting changes and loses (through the previewer). Changes nothing.
     */
    public RollbackPlan planRollback(int steps) throws LmsdbException, SQLException {
        return planRollback(steps, null);
    }

    /**
     * A rollback plan as {@link #planRollback(int)} makes it, with {@code approved} as its previews (those of a reviewed plan,
     * one per step) instead of asking the previewer again; null asks it.
     */
    public RollbackPlan planRollback(int steps, List<Preview> approved) throws LmsdbException, SQLException {
        List<MigrationInfo> applied = Stream.of(flyway().info().applied())
                .filter(i -> i.isVersioned() && i.getState() != MigrationState.BASELINE)
                .sorted((a, b) -> Integer.compare(b.getInstalledRank(), a.getInstalledRank()))
                .toList();
        if (steps <= 0 || steps > applied.size()) {
            throw new LmsdbException(
                    "Invalid steps " + steps + ": " + applied.size() + " migration(s) are applied"
                            + (applied.isEmpty() ? "" : ", so steps must be between 1 and " + applied.size()) + ".",
                    applied.isEmpty() ? Hint.line("Nothing to roll back. See what is applied with: ", Hint.run("status"))
                            : Hint.line("For example: ", Hint.run("rollback", Hint.set("steps", "1"))));
        }
        List<MigrationInfo> chosen = applied.subList(0, steps);
        List<MigrationEntry> entries = new ArrayList<>();
        List<Path> undoScripts = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (MigrationInfo info : chosen) {
            MigrationEntry entry = new MigrationEntry(info.getVersion().getVersion(), info.getDescription(),
                    info.getState().isFailed() ? MigrationEntry.State.FAILED : MigrationEntry.State.APPLIED, info.getScript(),
                    info.getInstalledOn() == null ? null : info.getInstalledOn().toInstant());
            Path undo = migrationsDirectory.resolve(UndoScripts.undoFileName(info.getVersion().getVersion(), info.getDescription()));
            if (!Files.isRegularFile(undo)) {
                missing.add(undo.toString());
            }
            entries.add(entry);
            undoScripts.add(undo);
        }
        if (!missing.isEmpty()) {
            throw new LmsdbException(
                    "Cannot roll back: missing undo script(s): " + String.join(", ", missing) + ". Nothing was changed.",
                    "  Write each undo script (the SQL that reverses its migration) with exactly that name, then run the rollback again.");
        }
        List<Preview> previews = approved != null && approved.size() == entries.size() ? approved
                : previewer.preview(entries, undoScripts, Placeholders.NONE, true);
        List<RollbackPlan.Step> plan = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            plan.add(new RollbackPlan.Step(entries.get(i), chosen.get(i).getInstalledRank(), undoScripts.get(i), previews.get(i)));
        }
        return new RollbackPlan(plan);
    }

    /**
     * Reverts a planned rollback, newest first: each undo script and the removal of its history
     * row in one transaction. A failure stops there; what was reverted stays reverted, and the
     * history matches the schema.
     */
    public RollbackResult rollback(RollbackPlan plan, MigrationListener listener) throws LmsdbException, SQLException {
        long start = System.nanoTime();
        List<RollbackResult.Reverted> reverted = new ArrayList<>();
        Connection c = gateway.connection();
        try (MigrationLock lock = MigrationLock.acquire(c, schemas.get(0), LOCK_WAIT, listener)) {
            String history = Identifiers.qualified(schemas.get(0), DatabaseGateway.FLYWAY_HISTORY_TABLE);
            ScriptExecutor executor = new ScriptExecutor(c, schemas);
            int index = 0;
            for (RollbackPlan.Step step : plan.steps()) {
                index++;
                listener.started(index, plan.steps().size(), step.migration());
                long stepStart = System.nanoTime();
                for (int retry = 1; ; retry++) {
                    ScriptFailure lockTimeout = revert(c, executor, history, step, reverted, plan);
                    if (lockTimeout == null) {
                        break;
                    }
                    String what = "The undo script of " + step.migration().label();
                    List<LockBlocker> blockers = LockBlocker.find(c, schemas);
                    if (retry > lockSafety.lockRetries()) {
                        throw lockGaveUp(what, "It was rolled back: the schema and the history still have "
                                + step.migration().label() + " applied.", "rollback", blockers, lockTimeout);
                    }
                    Duration wait = lockSafety.backoff(retry);
                    listener.retrying(new LockRetry(what, retry, lockSafety.lockRetries(), wait, lockSafety.lockTimeout(), blockers));
                    pause(wait);
                }
                Duration took = Duration.ofNanos(System.nanoTime() - stepStart);
                reverted.add(new RollbackResult.Reverted(step.migration(), took));
                listener.completed(index, plan.steps().size(), step.migration(), took);
            }
        }
        return new RollbackResult(reverted, elapsed(start), status().last());
    }

    /**
     * One try of one undo script and the removal of its history row, in one transaction with the lock and statement
     * timeouts ({@code set local}: the gateway's session keeps its own settings). Returns the failure when the lock
     * timeout cancelled it (it was rolled back and may be tried again), null when it committed.
     */
    private ScriptFailure revert(Connection c, ScriptExecutor executor, String history, RollbackPlan.Step step,
            List<RollbackResult.Reverted> reverted, RollbackPlan plan) throws LmsdbException, SQLException {
        c.setAutoCommit(false);
        try {
            try (Statement st = c.createStatement()) {
                st.execute(lockSafety.settingsSql(true));
            }
            executor.run(step.undoScript());
            try (PreparedStatement ps = c.prepareStatement("delete from " + history + " where installed_rank = ? and version = ?")) {
                ps.setInt(1, step.installedRank());
                ps.setString(2, step.migration().version());
                if (ps.executeUpdate() != 1) {
                    throw new LmsdbException("The history row of " + step.migration().label() + " changed during the rollback.",
                            Hint.line("Another tool changed " + DatabaseGateway.FLYWAY_HISTORY_TABLE + "; check it with ", Hint.run("status"), "."));
                }
            }
            c.commit();
            return null;
        } catch (ScriptFailure failure) {
            c.rollback();
            if (LockSafety.LOCK_NOT_AVAILABLE.equals(failure.sqlState())) {
                return failure;
            }
            throw rollbackFailed(step, failure, reverted, plan);
        } catch (LmsdbException | SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private LmsdbException rollbackFailed(RollbackPlan.Step step, ScriptFailure failure, List<RollbackResult.Reverted> reverted, RollbackPlan plan)
            throws LmsdbException {
        String done = reverted.isEmpty() ? "none" : reverted.stream().map(r -> r.migration().label()).collect(Collectors.joining(", "));
        List<String> notDone = plan.steps().stream().skip(reverted.size()).map(s -> s.migration().label()).toList();
        return new LmsdbException(
                "Rollback of " + step.migration().label() + " failed: " + failure.describe() + ".\n"
                        + "  Its undo script was rolled back with it: the schema and the history still have it applied.\n"
                        + "  Reverted: " + done + "\n"
                        + "  Not reverted: " + String.join(", ", notDone) + "\n"
                        + "  Applied now: " + status().last().map(MigrationEntry::label).orElse("nothing"),
                Hint.line("Fix " + step.undoScript() + ", then run the rollback again (", Hint.run("rollback", Hint.set("steps", notDone.size())), ")."));
    }

    // ---------------------------------------------------------------- clean

    /**
     * Drops every object in the managed schemas (Flyway's clean, enabled for this call only),
     * under the migration lock.
     */
    public void clean(MigrationListener listener) throws LmsdbException, SQLException {
        try (MigrationLock lock = MigrationLock.acquire(gateway.connection(), schemas.get(0), LOCK_WAIT, listener)) {
            configure().cleanDisabled(false).load().clean();
        } catch (FlywayException e) {
            throw new LmsdbException("Dropping the objects of " + String.join(", ", schemas) + " failed: " + e.getMessage(),
                    "  Check that the user owns them, or drop them by hand.", e);
        }
    }

    // ---------------------------------------------------------------- common

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private Flyway flyway() {
        return configure().load();
    }

    private FluentConfiguration configure() {
        FluentConfiguration configuration = Flyway.configure(MigrationService.class.getClassLoader())
                .dataSource(gateway.dataSource())
                .schemas(schemas.toArray(String[]::new))
                .locations("filesystem:" + migrationsDirectory.toAbsolutePath())
                .loggers(FlywayLogCreator.class.getName())
                .validateMigrationNaming(false)
                .validateOnMigrate(true)
                .connectRetries(0);
        // A session lock, so that CREATE INDEX CONCURRENTLY does not wait for Flyway's own transaction.
        configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        return configuration;
    }

    /** Creates the migrations directory when absent (used by create). */
    static void ensureDirectory(Path dir) throws LmsdbException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new LmsdbException("Cannot create " + dir + ": " + e.getMessage(), Hint.line("Check ", Hint.param("migrationsDirectory"), " and permissions."), e);
        }
    }
}
