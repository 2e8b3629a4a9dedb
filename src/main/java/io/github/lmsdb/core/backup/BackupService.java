package io.github.lmsdb.core.backup;

import io.github.lmsdb.core.catalog.Scope;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.config.Environment;
import io.github.lmsdb.core.db.ApplicationName;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.db.Identifiers;
import io.github.lmsdb.core.db.ServerAdmin;
import io.github.lmsdb.core.db.TableInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Backups with pg_dump that prove what they hold, and restores that cannot leave the user with
 * less than they had: restore into a new database, verify, and only then swap names.
 */
public final class BackupService {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(3);
    /** {@code <anything>_<yyyyMMdd>_<HHmmss>[_n].<ext>}: a backup's name; whose it is, its manifest says. */
    private static final Pattern BACKUP_NAME = Pattern.compile("[^.].*_\\d{8}_\\d{6}(_\\d+)?(\\.sql|\\.dump|\\.dir)");

    private final ConnectionSettings target;
    private final List<String> schemas;
    private final Path backupDirectory;
    private final Path pgBinDirectory;
    private final Duration toolTimeout;
    private final Environment environment;
    private final Clock clock;
    /** This run, as its tools show in pg_stat_activity and as it marks its temporary databases. */
    private final ApplicationName run;

    public BackupService(ConnectionSettings target, List<String> schemas, Path backupDirectory, Path pgBinDirectory,
            Duration toolTimeout, Environment environment, Clock clock) {
        this.target = target;
        this.schemas = List.copyOf(schemas);
        this.backupDirectory = backupDirectory;
        this.pgBinDirectory = pgBinDirectory;
        this.toolTimeout = toolTimeout;
        this.environment = environment;
        this.clock = clock;
        this.run = ApplicationName.ofThisJvm(target.applicationName(), "backup");
    }

    /**
     * How a backup is written. {@code compressionLevel} null means the default; {@code keep} null keeps every backup.
     *
     * @param automatic taken by the plugin before a change: marked so in its manifest
     * @param keepAutomatic after an automatic backup, how many automatic backups of the database are kept (newest
     *     first); 0 keeps all. Backups the user made are never removed by it.
     */
    public record Options(BackupFormat format, Integer compressionLevel, int jobs, Integer keep, boolean automatic, int keepAutomatic) {
        /** Custom and directory formats compress at level 1 by default: most of the size gain for a fraction of the time. */
        public static final int DEFAULT_COMPRESSION = 1;
        /** Automatic backups kept per database when nothing else is configured. */
        public static final int DEFAULT_KEEP_AUTOMATIC = 5;

        /** A backup the user asked for. */
        public Options(BackupFormat format, Integer compressionLevel, int jobs, Integer keep) {
            this(format, compressionLevel, jobs, keep, false, 0);
        }

        /** The backup taken before a change, keeping the newest {@code keepAutomatic} automatic ones (0: all). */
        public static Options automatic(int keepAutomatic) {
            return new Options(BackupFormat.CUSTOM, null, 1, null, true, keepAutomatic);
        }
    }

    /** A finished backup of a database: its file, size and creation time, and whether the plugin took it automatically. */
    public record Stored(Path file, long sizeBytes, Instant createdAt, boolean automatic) {}

    // ------------------------------------------------------------------ backup

    public BackupResult backup(Options options, BackupListener listener) throws LmsdbException, SQLException {
        validate(options);
        long start = System.nanoTime();
        String database = target.url().database();
        try (Connection c = DatabaseGateway.dataSource(target).getConnection()) {
            PgTools tools = PgTools.find(pgBinDirectory, serverMajor(c), System.getenv("PATH"));
            Path file = newBackupPath(database, options.format());
            Path temp = Leftovers.partialFor(file);
            Path manifestFile = Manifest.pathFor(file);
            deleteRecursively(temp);
            listener.step("Backup file: " + file);
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                String snapshot;
                String serverVersion;
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("select pg_export_snapshot(), current_setting('server_version')")) {
                    rs.next();
                    snapshot = rs.getString(1);
                    serverVersion = rs.getString(2);
                }
                String lastMigration = lastMigration(c);
                PrivateFiles.create(temp, options.format() == BackupFormat.DIRECTORY);
                // Counted in the snapshot pg_dump dumps (the manifest describes exactly the file), while it
                // dumps: the counts' scans run beside pg_dump's instead of adding a second read before it.
                ConcurrentCount counting = new ConcurrentCount(c);
                Written written;
                Map<String, Long> rows;
                try {
                    written = write(tools, options, snapshot, temp, listener);
                    rows = counting.rows();
                } finally {
                    counting.stop();
                }
                String sha256 = written.sha256();
                long size = written.size();
                Manifest manifest = new Manifest(database, serverVersion, tools.version(), lastMigration, environment.id(),
                        clock.instant(), options.format().name().toLowerCase(java.util.Locale.ROOT), size, sha256, rows, options.automatic());
                // The manifest first, the dump last: a file under a backup's name always has its manifest.
                writeAtomically(manifestFile, manifest.toJson() + "\n");
                try {
                    move(temp, file);
                } catch (IOException e) {
                    Files.deleteIfExists(manifestFile);
                    throw e;
                }
                List<Path> pruned = new ArrayList<>(options.keep() == null ? List.of() : prune(database, options.keep()));
                if (options.automatic() && options.keepAutomatic() > 0) {
                    pruned.addAll(pruneAutomatic(database, options.keepAutomatic()));
                }
                return new BackupResult(file, manifestFile, manifest, Duration.ofNanos(System.nanoTime() - start), pruned);
            } catch (LmsdbException | SQLException | RuntimeException e) {
                deleteRecursively(temp);
                throw e;
            } catch (IOException e) {
                deleteRecursively(temp);
                throw new LmsdbException("Cannot write the backup in " + backupDirectory + ": " + e.getMessage(),
                        Hint.line("Check free space and permissions, or choose another place: ", Hint.set("backupDirectory", "<dir>")), e);
            } finally {
                c.rollback();
            }
        }
    }

    /** What the dump wrote: its checksum and size. */
    private record Written(String sha256, long size) {}

    /** Dumps into {@code temp} (0600) and hashes it: while pg_dump writes for one file, after it for a directory. */
    private Written write(PgTools tools, Options options, String snapshot, Path temp, BackupListener listener) throws LmsdbException, IOException {
        if (options.format() == BackupFormat.DIRECTORY) {
            // pg_dump writes the directory's files itself (in parallel with jobs): they cannot
            // pass through the plugin, so they are hashed once, after the dump.
            dump(tools, options, snapshot, temp, null, listener);
            PrivateFiles.restrict(temp);
            return new Written(Checksums.sha256(temp), Checksums.size(temp));
        }
        // pg_dump writes to stdout and the plugin writes the (0600) file, hashing on the way: one pass.
        Checksums.Hashing out = new Checksums.Hashing(new java.io.BufferedOutputStream(Files.newOutputStream(temp), ProcessRunner.BUFFER));
        try (out) {
            dump(tools, options, snapshot, temp, out, listener);
        }
        PrivateFiles.restrict(temp);
        return new Written(out.sha256(), out.size());
    }

    private static void validate(Options options) throws LmsdbException {
        if (options.compressionLevel() != null && (options.compressionLevel() < 0 || options.compressionLevel() > 9)) {
            throw new LmsdbException("Invalid compression level " + options.compressionLevel() + ": it must be between 0 and 9.",
                    Hint.line("For example: ", Hint.set("compressionLevel", Options.DEFAULT_COMPRESSION)));
        }
        if (options.jobs() < 1) {
            throw new LmsdbException("Invalid jobs " + options.jobs() + ": it must be 1 or more.", Hint.line("For example: ", Hint.set("jobs", 4)));
        }
        if (options.jobs() > 1 && options.format() != BackupFormat.DIRECTORY) {
            throw new LmsdbException(Hint.plain("Parallel dumps (", Hint.set("jobs", options.jobs()), ") need the directory format."),
                    Hint.line("Add ", Hint.set("backupFormat", "directory"), ", or drop ", Hint.param("jobs"), "."), null);
        }
        if (options.keepAutomatic() < 0) {
            throw new LmsdbException("Invalid keepAutomatic " + options.keepAutomatic() + ": it must be 0 (keep all) or more.",
                    Hint.line("For example: ", Hint.set("keepAutomatic", Options.DEFAULT_KEEP_AUTOMATIC)));
        }
        if (options.keep() != null && options.keep() < 1) {
            throw new LmsdbException("Invalid keep " + options.keep() + ": it must be 1 or more.", Hint.line("For example: ", Hint.set("keep", 7)));
        }
    }

    /** Dumps into {@code temp}: through {@code stdout} when given (pg_dump writes to its stdout), else pg_dump writes {@code temp} itself. */
    private void dump(PgTools tools, Options options, String snapshot, Path temp, java.io.OutputStream stdout, BackupListener listener)
            throws LmsdbException {
        List<String> command = new ArrayList<>(connectionArgs(tools.pgDump(), target.url().database()));
        command.addAll(List.of("--snapshot=" + snapshot, "--format=" + options.format().flag()));
        if (stdout == null) {
            command.add("--file=" + temp);
        }
        if (options.format() != BackupFormat.PLAIN) {
            command.add("--compress=" + (options.compressionLevel() == null ? Options.DEFAULT_COMPRESSION : options.compressionLevel()));
        }
        if (options.jobs() > 1) {
            command.add("--jobs=" + options.jobs());
        }
        runWithProgress(command, "backup", temp, listener, stdout, null);
    }

    /**
     * Runs a tool, reporting the size of {@code output} every few seconds.
     *
     * @param stdout where the tool's stdout goes, or null to keep it in memory (a tool that prints little)
     * @param stdin what feeds the tool's stdin, or null
     */
    private void runWithProgress(List<String> command, String goal, Path output, BackupListener listener, java.io.OutputStream stdout,
            ProcessRunner.Feeder stdin) throws LmsdbException {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lmsdb-" + Path.of(command.get(0)).getFileName());
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        try {
            Future<ProcessRunner.Result> running = executor.submit(() -> stdout == null && stdin == null
                    ? ProcessRunner.run(command, toolEnvironment(goal), null, toolTimeout)
                    : ProcessRunner.run(command, toolEnvironment(goal), null, toolTimeout,
                            stdout == null ? java.io.OutputStream.nullOutputStream() : stdout, stdin));
            while (true) {
                try {
                    running.get(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                } catch (TimeoutException stillRunning) {
                    listener.progress(sizeQuietly(output), Duration.ofNanos(System.nanoTime() - start));
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LmsdbException l) {
                throw l;
            }
            throw new IllegalStateException("Running " + command.get(0) + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LmsdbException("Interrupted while " + Path.of(command.get(0)).getFileName() + " was running.", "  Run it again.", e);
        } finally {
            // Interrupts the runner, whose exit path stops the tool.
            executor.shutdownNow();
        }
    }

    private static long sizeQuietly(Path output) {
        try {
            return Files.exists(output) ? Checksums.size(output) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * The tool and the connection as one quoted connection-string value: a database named
     * {@code dbname=km1} or {@code eq=name} stays a name, never a connection string the tool parses.
     */
    private List<String> connectionArgs(Path tool, String database) {
        return new ArrayList<>(List.of(tool.toString(), "--dbname=" + conninfo(target, database), "--no-password"));
    }

    /** {@code dbname='...' host='...' port='...' user='...'}, values quoted the libpq way. */
    static String conninfo(ConnectionSettings settings, String database) {
        return "dbname=" + conninfoValue(database) + " host=" + conninfoValue(settings.url().bareHost()) + " port="
                + conninfoValue(Integer.toString(settings.url().port())) + " user=" + conninfoValue(settings.user());
    }

    /** libpq quoting: in single quotes, with backslash and single quote escaped by a backslash. */
    static String conninfoValue(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /**
     * The password reaches the tools through their environment only, never their arguments; with
     * it, only the application name ({@code lmsdb:<goal>:<run id>}) and the connect timeout.
     */
    private Map<String, String> toolEnvironment(String goal) {
        Map<String, String> env = new HashMap<>();
        if (target.hasPassword()) {
            env.put("PGPASSWORD", target.password());
        }
        env.put("PGCONNECT_TIMEOUT", Long.toString(Math.max(1, target.connectTimeout().toSeconds())));
        env.put("PGAPPNAME", run.forGoal(goal).value());
        return env;
    }

    /**
     * The exact row count of every application table, taken on {@code c} (the connection whose
     * snapshot pg_dump dumps) in a thread of its own while pg_dump runs. {@link #stop()} cancels a
     * count still running (a failed dump) and waits for the thread, so that {@code c} is free again.
     */
    private final class ConcurrentCount {
        private final Connection c;
        private final java.util.concurrent.CompletableFuture<Map<String, Long>> result = new java.util.concurrent.CompletableFuture<>();
        private final java.util.concurrent.atomic.AtomicReference<Statement> running = new java.util.concurrent.atomic.AtomicReference<>();
        private volatile boolean stopped;
        private final Thread thread;

        ConcurrentCount(Connection c) {
            this.c = c;
            this.thread = new Thread(this::count, "lmsdb-count-rows");
            thread.setDaemon(true);
            thread.start();
        }

        private void count() {
            try {
                result.complete(countRows(c, running, () -> stopped));
            } catch (SQLException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        /** The counts, once every table is counted. */
        Map<String, Long> rows() throws SQLException {
            try {
                return result.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("Interrupted while counting rows", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SQLException s) {
                    throw s;
                }
                throw new IllegalStateException("Counting rows failed", e.getCause());
            }
        }

        /** Cancels a count still running and waits for the thread to end. */
        void stop() {
            stopped = true;
            Statement st = running.get();
            if (st != null && !result.isDone()) {
                try {
                    st.cancel();
                } catch (SQLException ignored) {
                    // the count ends on its own
                }
            }
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Map<String, Long> countRows(Connection c) throws SQLException {
        return countRows(c, new java.util.concurrent.atomic.AtomicReference<>(), () -> false);
    }

    /**
     * The exact row count of every application table, one {@code count(*)} each; {@code running} holds the statement
     * under way (for a cancel from another thread), and {@code stopped} ends the loop before the next table.
     */
    private Map<String, Long> countRows(Connection c, java.util.concurrent.atomic.AtomicReference<Statement> running,
            java.util.function.BooleanSupplier stopped) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (TableInfo table : Scope.of(schemas).applicationTables(c)) {
            if (stopped.getAsBoolean()) {
                throw new SQLException("Counting rows was stopped");
            }
            try (Statement st = c.createStatement()) {
                running.set(st);
                try (ResultSet rs = st.executeQuery("select count(*) from " + Identifiers.qualified(table.schema(), table.name()))) {
                    rs.next();
                    rows.put(table.schema() + "." + table.name(), rs.getLong(1));
                } finally {
                    running.set(null);
                }
            }
        }
        return rows;
    }

    private String lastMigration(Connection c) throws SQLException {
        String history = Identifiers.qualified(schemas.get(0), DatabaseGateway.FLYWAY_HISTORY_TABLE);
        try (PreparedStatement ps = c.prepareStatement("select to_regclass(?) is not null")) {
            ps.setString(1, history);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return null;
                }
            }
        }
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select version || ' ' || description from " + history
                        + " where success and version is not null order by installed_rank desc limit 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private Path newBackupPath(String database, BackupFormat format) throws LmsdbException {
        try {
            PrivateFiles.createDirectories(backupDirectory);
        } catch (IOException e) {
            throw new LmsdbException("Cannot create the backup directory " + backupDirectory + ": " + e.getMessage(),
                    Hint.line("Choose another with ", Hint.set("backupDirectory", "<dir>")), e);
        }
        String base = safeFileName(database) + "_" + STAMP.format(clock.instant());
        Path file = backupDirectory.resolve(base + format.extension());
        for (int n = 2; Files.exists(file) || Files.exists(Manifest.pathFor(file)); n++) {
            file = backupDirectory.resolve(base + "_" + n + format.extension());
        }
        return file;
    }

    private static String safeFileName(String database) {
        return database.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /**
     * The backups of {@code database} in the backup directory, newest first: files named like a
     * backup whose manifest records that database. File names alone cannot tell {@code sp ace} from
     * {@code sp_ace}, and a dump without its manifest is not a finished backup.
     */
    public List<Path> backupsOf(String database) {
        if (!Files.isDirectory(backupDirectory)) {
            return List.of();
        }
        List<Path> candidates;
        try (Stream<Path> files = Files.list(backupDirectory)) {
            candidates = files.filter(f -> BACKUP_NAME.matcher(f.getFileName().toString()).matches()).toList();
        } catch (IOException e) {
            return List.of();
        }
        Map<Path, Instant> created = new HashMap<>();
        for (Path f : candidates) {
            Path manifestFile = Manifest.pathFor(f);
            if (!Files.isRegularFile(manifestFile)) {
                continue;
            }
            try {
                Manifest manifest = Manifest.read(manifestFile);
                if (database.equals(manifest.database())) {
                    created.put(f, manifest.createdAt());
                }
            } catch (LmsdbException damaged) {
                // not counted: neither offered for a restore nor removed by keep
            }
        }
        return created.keySet().stream()
                .sorted(Comparator.comparing((Path f) -> created.get(f)).thenComparing(f -> f.getFileName().toString()).reversed())
                .toList();
    }

    /**
     * The finished backups of {@code database}, newest first, with what their manifests say. A
     * manifest without the {@code automatic} field (written before it existed) counts as a backup
     * the user made.
     */
    public List<Stored> stored(String database) {
        List<Stored> result = new ArrayList<>();
        for (Path f : backupsOf(database)) {
            try {
                Manifest m = Manifest.read(Manifest.pathFor(f));
                result.add(new Stored(f, sizeQuietly(f), m.createdAt(), m.automatic()));
            } catch (LmsdbException changedMeanwhile) {
                // listed by backupsOf a moment ago; damaged or removed since: not listed
            }
        }
        return result;
    }

    /** Removes the automatic backups of {@code database} beyond the newest {@code keep}; never one the user made. */
    private List<Path> pruneAutomatic(String database, int keep) throws IOException {
        List<Path> automatic = stored(database).stream().filter(Stored::automatic).map(Stored::file).toList();
        List<Path> removed = new ArrayList<>();
        for (Path old : automatic.subList(Math.min(keep, automatic.size()), automatic.size())) {
            deleteRecursively(old);
            Files.deleteIfExists(Manifest.pathFor(old));
            removed.add(old);
        }
        return removed;
    }

    private List<Path> prune(String database, int keep) throws IOException {
        List<Path> all = backupsOf(database);
        List<Path> removed = new ArrayList<>();
        for (Path old : all.subList(Math.min(keep, all.size()), all.size())) {
            // The dump first: a manifest left alone is harmless, a dump left alone looks unverifiable.
            deleteRecursively(old);
            Files.deleteIfExists(Manifest.pathFor(old));
            removed.add(old);
        }
        return removed;
    }

    // ------------------------------------------------------------------ restore

    /**
     * How a restore runs: parallel pg_restore jobs, whether the replaced database is kept aside,
     * and whether a backup without a (readable) manifest is accepted.
     */
    public record RestoreOptions(int jobs, boolean keepPrevious, boolean unverified, int keepAside) {
        /** Keeping every aside database. */
        public RestoreOptions(int jobs, boolean keepPrevious, boolean unverified) {
            this(jobs, keepPrevious, unverified, 0);
        }
    }

    /**
     * Checks the file, its format, its size against the manifest and, when the restore reads the file itself (parallel
     * jobs), its checksum; changes nothing. Refuses a file without manifest. The other checks (checksum, a plain file's
     * content) run while the restore reads the file, before the swap.
     */
    public RestorePlan planRestore(Path file) throws LmsdbException {
        return planRestore(file, new RestoreOptions(1, true, false));
    }

    /** As {@link #planRestore(Path)}, with the restore's options. */
    public RestorePlan planRestore(Path file, RestoreOptions options) throws LmsdbException {
        String database = target.url().database();
        if (file == null || !Files.exists(file)) {
            List<Path> newest = backupsOf(database).stream().limit(5).toList();
            Hint hint;
            if (newest.isEmpty()) {
                hint = Hint.line("No backups of " + database + " in " + backupDirectory + ". Create one with: ", Hint.run("backup"));
            } else {
                hint = Hint.line("Newest backups of " + database + " in " + backupDirectory + ":");
                for (Path p : newest) {
                    hint = hint.then("  ", Hint.set("file", p));
                }
            }
            throw new LmsdbException("Backup file not found: " + file + ". Nothing was changed.", hint);
        }
        BackupFormat format = BackupFormat.detect(file);
        Path manifestFile = Manifest.pathFor(file);
        Manifest manifest = null;
        if (Files.isRegularFile(manifestFile)) {
            try {
                manifest = Manifest.read(manifestFile);
            } catch (LmsdbException damaged) {
                if (!options.unverified()) {
                    throw damaged;
                }
            }
        } else if (!options.unverified()) {
            throw new LmsdbException(
                    file.getFileName() + " has no manifest (" + manifestFile.getFileName() + "), so its checksum, tables and row counts "
                            + "cannot be verified. Nothing was changed.",
                    Hint.line("Restore a backup written by ", Hint.run("backup"), " (it writes the manifest beside the file),")
                            .then("or accept this file without one (tables, constraints and tables with rows are still checked): ",
                                    Hint.set("unverified", "true")));
        }
        if (manifest != null) {
            // The size is known at once: a file cut short or grown is refused before anything runs.
            long size;
            try {
                size = Checksums.size(file);
            } catch (IOException e) {
                throw new LmsdbException("Cannot read " + file + ": " + e.getMessage(), "  Check the file's permissions.", e);
            }
            if (size != manifest.sizeBytes()) {
                throw new LmsdbException("Size mismatch: " + file.getFileName() + " is " + size + " bytes, its manifest says "
                        + manifest.sizeBytes() + ". The file changed or is damaged. Nothing was changed.",
                        "  Restore another backup; the newest are listed by: ls -t " + backupDirectory);
            }
        }
        // The checksum is checked while the restore reads the file, before the swap: a plain file is hashed and scanned while
        // psql reads it from the plugin, a custom dump restored with one job while pg_restore reads it from the plugin, and
        // the files pg_restore reads itself (parallel jobs, a directory dump) are hashed beside it.
        return new RestorePlan(file, format, manifest, database);
    }

    /**
     * A plain file is always fed to psql's stdin, a custom dump with one job to pg_restore's; parallel jobs need the file
     * itself, as a directory dump does.
     */
    private static boolean streamedRestore(BackupFormat format, int jobs) {
        return format == BackupFormat.PLAIN || format == BackupFormat.CUSTOM && jobs == 1;
    }

    private void checkChecksum(Path file, Manifest manifest, String actual, String outcome) throws LmsdbException {
        if (!actual.equals(manifest.sha256())) {
            throw new LmsdbException(
                    "Checksum mismatch: " + file.getFileName() + " does not match its manifest (expected " + manifest.sha256()
                            + ", found " + actual + "). The file changed or is damaged. " + outcome,
                    "  Restore another backup; the newest are listed by: ls -t " + backupDirectory);
        }
    }

    /** As {@link #restore(RestorePlan, RestoreOptions, BackupListener)}, for a plan with its manifest. */
    public RestoreResult restore(RestorePlan plan, int jobs, boolean keepPrevious, BackupListener listener) throws LmsdbException, SQLException {
        return restore(plan, new RestoreOptions(jobs, keepPrevious, false), listener);
    }

    /**
     * Restores into a new database, verifies it, copies the replaced database's audit records into
     * it, and only then swaps names, in one transaction. Any failure before the swap drops the new
     * database and leaves the current one untouched and in use; nothing after the swap fails the
     * restore (it becomes a warning in the result).
     */
    public RestoreResult restore(RestorePlan plan, RestoreOptions options, BackupListener listener) throws LmsdbException, SQLException {
        long start = System.nanoTime();
        String stamp = STAMP.format(clock.instant());
        String database = plan.targetDatabase();
        ConnectionSettings maintenance = ServerAdmin.maintenance(target);
        try (ServerAdmin admin = ServerAdmin.open(target)) {
            String temporary = unusedName(admin, database, "_restore_" + stamp);
            String aside = unusedName(admin, database, "_before_restore_" + stamp);
            boolean targetExists = admin.exists(database);
            PgTools tools = PgTools.find(pgBinDirectory, serverMajor(admin.connection()), System.getenv("PATH"));
            // template0 with the encoding and locale of the database it replaces (when there is one).
            // Marked with this run: if the JVM is killed, the next restore knows the copy is a dead run's and drops it.
            admin.create(temporary, ServerAdmin.Creation.DEFAULT.template("template0").localeOf(targetExists ? database : null)
                    .comment(Leftovers.restoreMarker(run, database)));
            int tables;
            try {
                listener.step("Restoring into " + temporary + "...");
                Loaded loaded = load(tools, plan, temporary, options.jobs());
                listener.step("Verifying restoration...");
                ConnectionSettings restored = maintenance.withUrl(maintenance.url().withDatabase(temporary));
                if (plan.manifest() != null && loaded != null) {
                    tables = verifyLoaded(plan, loaded, restored);
                } else if (plan.manifest() != null) {
                    tables = verify(plan, restored);
                } else {
                    tables = verifyContents(plan, loaded != null ? loaded.contents() : inspect(tools, plan.file()), restored);
                }
                if (targetExists) {
                    AuditCopy.copy(target, restored);
                }
                listener.step("Swapping databases...");
                admin.swap(database, temporary, targetExists ? aside : null);
            } catch (LmsdbException e) {
                dropQuietly(admin, temporary, e);
                throw e.getMessage().contains(UNTOUCHED_MARK) ? e
                        : new LmsdbException(e.messageHint().then(Hint.plain(untouched(database))), e.hint(), e);
            } catch (SQLException | RuntimeException e) {
                dropQuietly(admin, temporary, e);
                throw new LmsdbException("The restore failed before the swap: " + firstLine(e) + ". " + untouched(database),
                        Hint.line("Fix the cause and run the restore again; the backup file is unchanged."), e);
            }
            // The swap is done: from here on nothing fails the restore.
            List<String> warnings = new ArrayList<>();
            boolean dropped = false;
            if (targetExists && !options.keepPrevious()) {
                try {
                    admin.terminateAndDrop(aside);
                    dropped = true;
                } catch (SQLException e) {
                    warnings.add("The previous database could not be dropped (" + firstLine(e) + "); it is kept as " + aside
                            + ". Drop it when it is no longer used: dropdb " + aside);
                }
            }
            List<String> droppedAside = targetExists && options.keepPrevious() && options.keepAside() > 0
                    ? pruneAside(admin, database, options.keepAside(), warnings) : List.of();
            return new RestoreResult(plan, temporary, targetExists && !dropped ? aside : null, dropped, tables, plan.manifest() != null,
                    Duration.ofNanos(System.nanoTime() - start), warnings, droppedAside, null);
        }
    }

    /**
     * Drops this database's aside databases beyond the newest {@code keep} (by the time in their
     * names). Never one in use: {@code DROP DATABASE} without ending sessions, and one that cannot
     * be dropped is kept, with a warning.
     */
    private List<String> pruneAside(ServerAdmin admin, String database, int keep, List<String> warnings) {
        List<String> dropped = new ArrayList<>();
        try {
            List<String> asides = new Leftovers(target, backupDirectory, Leftovers.systemTempDirectory()).databases(admin).stream()
                    .filter(l -> l.kind() == Leftovers.Kind.ASIDE_DATABASE).map(Leftovers.Leftover::name)
                    .sorted(Comparator.comparing(Leftovers::restoreStamp).reversed()).toList();
            for (String old : asides.subList(Math.min(keep, asides.size()), asides.size())) {
                try (Statement st = admin.connection().createStatement()) {
                    st.execute("drop database " + Identifiers.quote(old));
                    dropped.add(old);
                } catch (SQLException e) {
                    warnings.add("The old aside database " + old + " was kept (" + firstLine(e) + ").");
                }
            }
        } catch (SQLException e) {
            warnings.add("Old aside databases were not looked for (" + firstLine(e) + ").");
        }
        return dropped;
    }

    private static final String UNTOUCHED_MARK = "The restored copy was dropped; ";

    private static String untouched(String database) {
        return UNTOUCHED_MARK + database + " is unchanged.";
    }

    private static String firstLine(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }

    /**
     * Loads the backup into {@code database}. A plain file is read once: hashed, scanned, and fed to
     * psql's stdin line by checked line, so psql reads exactly the bytes that were scanned, and the
     * checksum is checked before the swap (no copy of the file, no second read).
     *
     * @return what a plain file holds and the rows psql reported loading; null for the other formats
     */
    private Loaded load(PgTools tools, RestorePlan plan, String database, int jobs) throws LmsdbException {
        if (plan.format() != BackupFormat.PLAIN) {
            List<String> command = connectionArgs(tools.pgRestore(), database);
            command.add("--exit-on-error");
            if (jobs > 1) {
                command.add("--jobs=" + jobs);
            }
            boolean toCheck = plan.manifest() != null;
            if (!toCheck || !streamedRestore(plan.format(), jobs)) {
                command.add(plan.file().toString());
                if (!toCheck) {
                    runWithProgress(command, "restore", plan.file(), BackupListener.NONE, null, null);
                    return null;
                }
                // pg_restore reads the file itself (parallel jobs): hashed beside it, in the same pass over the page cache,
                // and checked before the swap; a damaged file that makes pg_restore fail is named as damaged.
                java.util.concurrent.CompletableFuture<String> hash = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return Checksums.sha256(plan.file());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, r -> {
                    Thread t = new Thread(r, "lmsdb-restore-hash");
                    t.setDaemon(true);
                    t.start();
                });
                LmsdbException failed = null;
                try {
                    runWithProgress(command, "restore", plan.file(), BackupListener.NONE, null, null);
                } catch (LmsdbException e) {
                    failed = e;
                }
                String actual;
                try {
                    actual = hash.join();
                } catch (java.util.concurrent.CompletionException e) {
                    if (failed != null) {
                        throw failed;
                    }
                    throw new LmsdbException("Cannot read " + plan.file() + ": " + e.getCause().getMessage(), "  Check the file's permissions.",
                            e.getCause());
                }
                checkChecksum(plan.file(), plan.manifest(), actual, untouched(plan.targetDatabase()));
                if (failed != null) {
                    throw failed;
                }
                return null;
            }
            // No file argument: pg_restore reads its stdin, which the plugin feeds from the file while hashing.
            Checksums.Hashing[] fed = new Checksums.Hashing[1];
            try {
                runWithProgress(command, "restore", plan.file(), BackupListener.NONE, null, toTool -> {
                    // pg_restore may end without reading the archive's last bytes; its exit code says whether it succeeded,
                    // and the rest is still hashed.
                    fed[0] = new Checksums.Hashing(new ProcessRunner.ToolInput(toTool));
                    byte[] buffer = new byte[ProcessRunner.BUFFER];
                    try (java.io.InputStream in = Files.newInputStream(plan.file())) {
                        for (int n; (n = in.read(buffer)) >= 0; ) {
                            fed[0].write(buffer, 0, n);
                        }
                    }
                });
            } catch (LmsdbException failed) {
                // A damaged file often makes pg_restore fail before the end: name the damage, not pg_restore's symptom.
                String whole;
                try {
                    whole = Checksums.sha256(plan.file());
                } catch (IOException unreadable) {
                    throw failed;
                }
                checkChecksum(plan.file(), plan.manifest(), whole, untouched(plan.targetDatabase()));
                throw failed;
            }
            checkChecksum(plan.file(), plan.manifest(), fed[0].sha256(), untouched(plan.targetDatabase()));
            return null;
        }
        // One pass: the plugin reads the file once, hashing and scanning it, and feeds psql's stdin line by checked line.
        // Not --quiet: psql then prints each statement's tag, and the "COPY <rows>" tags are the rows it loaded.
        List<String> command = connectionArgs(tools.psql(), database);
        command.addAll(List.of("--no-psqlrc", "--set=ON_ERROR_STOP=1", "--single-transaction", "--file=-"));
        java.io.ByteArrayOutputStream output = new java.io.ByteArrayOutputStream();
        PlainDumpScanner.Feed feed = new PlainDumpScanner.Feed(plan.file());
        try {
            runWithProgress(command, "restore", plan.file(), BackupListener.NONE, output, feed);
        } catch (LmsdbException failed) {
            if (feed.refusal() != null) {
                throw feed.refusal();
            }
            // A damaged file often makes psql fail before the end: name the damage, not psql's symptom.
            if (plan.manifest() != null && feed.sha256() != null) {
                checkChecksum(plan.file(), plan.manifest(), feed.sha256(), untouched(plan.targetDatabase()));
            }
            throw failed;
        }
        if (plan.manifest() != null) {
            checkChecksum(plan.file(), plan.manifest(), feed.sha256(), untouched(plan.targetDatabase()));
        }
        return new Loaded(feed.contents(), copyTags(output.toString(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** A plain file loaded by psql: what the file holds, and the rows of each {@code COPY} as psql reported them, in order. */
    private record Loaded(DumpContents contents, List<Long> copyTags) {}

    private static final Pattern COPY_TAG = Pattern.compile("COPY (\\d+)");

    /** psql's {@code COPY <rows>} command tags, in order (query results are indented, so no result row reads like one). */
    static List<Long> copyTags(String psqlOutput) {
        return psqlOutput.lines().map(COPY_TAG::matcher).filter(java.util.regex.Matcher::matches).map(m -> Long.parseLong(m.group(1))).toList();
    }

    /** What a custom or directory dump holds: its table of contents, and which tables its data has rows for. */
    private DumpContents inspect(PgTools tools, Path file) throws LmsdbException {
        List<String> list = new ArrayList<>(List.of(tools.pgRestore().toString(), "--list", file.toString()));
        String toc = ProcessRunner.run(list, toolEnvironment("restore"), null, toolTimeout).stdout();
        java.util.Set<String> tables = new java.util.LinkedHashSet<>();
        java.util.Set<String> constraints = new java.util.LinkedHashSet<>();
        for (String line : toc.lines().toList()) {
            java.util.regex.Matcher e = TOC_ENTRY.matcher(line);
            if (!e.matches()) {
                continue;
            }
            String type = e.group(1);
            String schema = e.group(2);
            String tag = e.group(3);
            if (type.equals("TABLE")) {
                tables.add(schema + "." + tag);
            } else if (type.endsWith("CONSTRAINT")) {
                int space = tag.indexOf(' ');
                if (space > 0) {
                    constraints.add(DumpContents.constraint(schema, tag.substring(0, space), tag.substring(space + 1)));
                }
            }
        }
        PlainDumpScanner data = new PlainDumpScanner(file.getFileName().toString(), false, null);
        List<String> dataOnly = new ArrayList<>(List.of(tools.pgRestore().toString(), "--data-only", "--file=-", file.toString()));
        ProcessRunner.run(dataOnly, toolEnvironment("restore"), null, toolTimeout, data);
        try {
            data.close();
        } catch (IOException e) {
            // the lenient scanner refuses nothing
        }
        DumpContents rows = data.contents();
        return new DumpContents(tables, constraints, rows.tablesWithRows(), true, rows.copies());
    }

    /** {@code 215; 1259 16385 TABLE public items owner}: type, schema, tag (the owner, last, may be empty). */
    private static final Pattern TOC_ENTRY = Pattern.compile("\\d+; \\d+ \\d+ (TABLE DATA|TABLE|FK CONSTRAINT|CONSTRAINT) (\\S+) (.*?) ?(\\S*)");

    /** Without a manifest: the tables, constraints and tables with rows that the file names are in the restored database. */
    private int verifyContents(RestorePlan plan, DumpContents contents, ConnectionSettings restored) throws LmsdbException, SQLException {
        try (Connection c = DatabaseGateway.dataSource(restored).getConnection()) {
            java.util.Set<String> present = new java.util.HashSet<>();
            java.util.Set<String> presentConstraints = new java.util.HashSet<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                            + "where c.relkind in ('r', 'p')")) {
                while (rs.next()) {
                    present.add(rs.getString(1) + "." + rs.getString(2));
                }
            }
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select n.nspname, t.relname, k.conname from pg_constraint k "
                            + "join pg_class t on t.oid = k.conrelid join pg_namespace n on n.oid = t.relnamespace")) {
                while (rs.next()) {
                    presentConstraints.add(DumpContents.constraint(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
            List<String> problems = new ArrayList<>();
            if (!contents.complete()) {
                problems.add("the file ends before pg_dump's closing line (it was cut short)");
            }
            contents.tables().stream().filter(t -> !present.contains(t)).sorted().forEach(t -> problems.add("table " + t + " is missing"));
            contents.constraints().stream().filter(k -> !presentConstraints.contains(k)).sorted()
                    .forEach(k -> problems.add("constraint " + k + " is missing"));
            for (String table : contents.tablesWithRows().stream().sorted().toList()) {
                if (!present.contains(table)) {
                    problems.add("table " + table + " is missing");
                    continue;
                }
                int dot = table.indexOf('.');
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select exists (select 1 from "
                        + Identifiers.qualified(table.substring(0, dot), table.substring(dot + 1)) + ")")) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        problems.add(table + " is empty, the file has rows for it");
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new LmsdbException("The restored database does not hold what " + plan.file().getFileName() + " holds: "
                        + String.join("; ", problems.stream().distinct().toList()) + ". " + untouched(plan.targetDatabase()),
                        "  The backup is incomplete or damaged. Restore another backup.");
            }
            return countRows(c).size();
        }
    }

    /**
     * A plain file loaded by psql, against the manifest without counting again: psql ran every COPY
     * of the file (its tags say how many rows each loaded, and they must be the rows the file holds,
     * which the manifest's counts matched before loading), and the restored database has exactly the
     * manifest's tables. The number of tables.
     */
    private int verifyLoaded(RestorePlan plan, Loaded loaded, ConnectionSettings restored) throws LmsdbException, SQLException {
        List<DumpContents.CopyBlock> copies = loaded.contents().copies();
        List<Long> tags = loaded.copyTags();
        List<String> problems = new ArrayList<>();
        if (tags.size() != copies.size()) {
            problems.add("psql reported " + tags.size() + " COPY commands, the file has " + copies.size());
        } else {
            for (int i = 0; i < copies.size(); i++) {
                if (tags.get(i) != copies.get(i).rows()) {
                    problems.add(copies.get(i).table() + " loaded " + tags.get(i) + " rows, the file has " + copies.get(i).rows());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new LmsdbException("The restored data does not match the file: " + String.join("; ", problems) + ". " + untouched(plan.targetDatabase()),
                    "  The backup is incomplete or damaged. Restore another backup.");
        }
        Map<String, Long> own = new HashMap<>();
        for (DumpContents.CopyBlock copy : copies) {
            own.merge(copy.table(), copy.rows(), Long::sum);
        }
        try (Connection c = DatabaseGateway.dataSource(restored).getConnection()) {
            // count(*) of a table, as the manifest took it, includes its partitions' and inheriting tables' rows.
            Map<String, List<String>> children = new HashMap<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select pn.nspname, p.relname, cn.nspname, ch.relname "
                    + "from pg_inherits i join pg_class p on p.oid = i.inhparent join pg_namespace pn on pn.oid = p.relnamespace "
                    + "join pg_class ch on ch.oid = i.inhrelid join pg_namespace cn on cn.oid = ch.relnamespace")) {
                while (rs.next()) {
                    children.computeIfAbsent(rs.getString(1) + "." + rs.getString(2), k -> new ArrayList<>()).add(rs.getString(3) + "." + rs.getString(4));
                }
            }
            Map<String, Long> actual = new LinkedHashMap<>();
            for (TableInfo table : Scope.of(schemas).applicationTables(c)) {
                String key = table.schema() + "." + table.name();
                java.util.Set<String> withDescendants = new java.util.LinkedHashSet<>();
                java.util.ArrayDeque<String> next = new java.util.ArrayDeque<>(List.of(key));
                while (!next.isEmpty()) {
                    String t = next.poll();
                    if (withDescendants.add(t)) {
                        next.addAll(children.getOrDefault(t, List.of()));
                    }
                }
                actual.put(key, withDescendants.stream().mapToLong(t -> own.getOrDefault(t, 0L)).sum());
            }
            checkRows(plan, actual, untouched(plan.targetDatabase()));
            return actual.size();
        }
    }

    /** {@code actual} rows per table against the manifest's: the same tables, the same counts; else refused with {@code outcome}. */
    private static void checkRows(RestorePlan plan, Map<String, Long> actual, String outcome) throws LmsdbException {
        Map<String, Long> expected = plan.manifest().tableRows();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            Long found = actual.get(e.getKey());
            if (found == null) {
                problems.add(e.getKey() + " is missing");
            } else if (!found.equals(e.getValue())) {
                problems.add(e.getKey() + " has " + found + " rows, the manifest says " + e.getValue());
            }
        }
        for (String extra : actual.keySet()) {
            if (!expected.containsKey(extra)) {
                problems.add(extra + " is not in the manifest");
            }
        }
        if (!problems.isEmpty()) {
            throw new LmsdbException("The restored data does not match the manifest: " + String.join("; ", problems) + ". " + outcome,
                    "  The backup is incomplete or damaged. Restore another backup.");
        }
    }

    /** Row counts of the restored database against the manifest; the number of tables. */
    private int verify(RestorePlan plan, ConnectionSettings restored) throws LmsdbException, SQLException {
        try (Connection c = DatabaseGateway.dataSource(restored).getConnection()) {
            Map<String, Long> actual = countRows(c);
            checkRows(plan, actual, untouched(plan.targetDatabase()));
            return actual.size();
        }
    }

    private static int serverMajor(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select current_setting('server_version_num')::int / 10000")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void dropQuietly(ServerAdmin admin, String database, Exception failure) {
        try {
            admin.terminateAndDrop(database);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** {@code <database><suffix>}, or with {@code _2}, {@code _3}... when a restore in the same second took it. */
    private static String unusedName(ServerAdmin admin, String database, String suffix) throws SQLException {
        String name = derivedName(database, suffix);
        for (int n = 2; admin.exists(name); n++) {
            name = derivedName(database, suffix + "_" + n);
        }
        return name;
    }

    /**
     * {@code <database><suffix>} within PostgreSQL's 63 bytes: when too long, the database part is
     * cut (at a character boundary) and followed by a short hash of the whole name, so two long
     * names that share their first bytes still get different names.
     */
    static String derivedName(String database, String suffix) {
        if (utf8Length(database + suffix) <= 63) {
            return database + suffix;
        }
        String hash = "_" + Checksums.sha256Hex(database).substring(0, 8);
        int room = 63 - utf8Length(suffix) - hash.length();
        StringBuilder cut = new StringBuilder();
        for (int i = 0; i < database.length(); ) {
            int cp = database.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            if (utf8Length(cut + ch) > room) {
                break;
            }
            cut.append(ch);
            i += Character.charCount(cp);
        }
        return cut + hash + suffix;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path temp = Leftovers.partialFor(target);
        Files.deleteIfExists(temp);
        PrivateFiles.create(temp, false);
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deleteRecursively(Path path) {
        try {
            io.github.lmsdb.core.io.FileTrees.delete(path);
        } catch (IOException e) {
            // Left for the next run: a leftover .partial never looks like a finished backup.
        }
    }
}
