package io.github.lmsdb.core.backup;

import io.github.lmsdb.core.catalog.Scope;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.config.Environment;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.db.Identifiers;
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

    private final ConnectionSettings target;
    private final List<String> schemas;
    private final Path backupDirectory;
    private final Path pgBinDirectory;
    private final Duration toolTimeout;
    private final Environment environment;
    private final Clock clock;

    public BackupService(ConnectionSettings target, List<String> schemas, Path backupDirectory, Path pgBinDirectory,
            Duration toolTimeout, Environment environment, Clock clock) {
        this.target = target;
        this.schemas = List.copyOf(schemas);
        this.backupDirectory = backupDirectory;
        this.pgBinDirectory = pgBinDirectory;
        this.toolTimeout = toolTimeout;
        this.environment = environment;
        this.clock = clock;
    }

    /** How a backup is written. {@code compressionLevel} null means the default; {@code keep} null keeps every backup. */
    public record Options(BackupFormat format, Integer compressionLevel, int jobs, Integer keep) {
        /** Custom and directory formats compress at level 1 by default: most of the size gain for a fraction of the time. */
        public static final int DEFAULT_COMPRESSION = 1;
    }

    // ------------------------------------------------------------------ backup

    public BackupResult backup(Options options, BackupListener listener) throws LmsdbException, SQLException {
        validate(options);
        long start = System.nanoTime();
        String database = target.url().database();
        try (Connection c = DatabaseGateway.dataSource(target).getConnection()) {
            PgTools tools = PgTools.find(pgBinDirectory, serverMajor(c), System.getenv("PATH"));
            Path file = newBackupPath(database, options.format());
            Path temp = file.resolveSibling("." + file.getFileName() + ".partial");
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
                // Counted in the snapshot pg_dump will dump: the manifest describes exactly the file.
                Map<String, Long> rows = countRows(c);
                String lastMigration = lastMigration(c);
                dump(tools, options, snapshot, temp, listener);
                move(temp, file);
                Manifest manifest = new Manifest(database, serverVersion, tools.version(), lastMigration, environment.id(),
                        clock.instant(), options.format().name().toLowerCase(java.util.Locale.ROOT), Checksums.size(file),
                        Checksums.sha256(file), rows);
                Path manifestFile = Manifest.pathFor(file);
                writeAtomically(manifestFile, manifest.toJson() + "\n");
                List<Path> pruned = options.keep() == null ? List.of() : prune(database, options.keep());
                return new BackupResult(file, manifestFile, manifest, Duration.ofNanos(System.nanoTime() - start), pruned);
            } catch (LmsdbException | SQLException | RuntimeException e) {
                deleteRecursively(temp);
                throw e;
            } catch (IOException e) {
                deleteRecursively(temp);
                throw new LmsdbException("Cannot write the backup in " + backupDirectory + ": " + e.getMessage(),
                        "  Check free space and permissions, or choose another place: -Dlmsdb.backupDirectory=<dir>", e);
            } finally {
                c.rollback();
            }
        }
    }

    private static void validate(Options options) throws LmsdbException {
        if (options.compressionLevel() != null && (options.compressionLevel() < 0 || options.compressionLevel() > 9)) {
            throw new LmsdbException("Invalid compression level " + options.compressionLevel() + ": it must be between 0 and 9.",
                    "  For example: -Dlmsdb.compressionLevel=" + Options.DEFAULT_COMPRESSION);
        }
        if (options.jobs() < 1) {
            throw new LmsdbException("Invalid jobs " + options.jobs() + ": it must be 1 or more.", "  For example: -Dlmsdb.jobs=4");
        }
        if (options.jobs() > 1 && options.format() != BackupFormat.DIRECTORY) {
            throw new LmsdbException("Parallel dumps (-Dlmsdb.jobs=" + options.jobs() + ") need the directory format.",
                    "  Add -Dlmsdb.backupFormat=directory, or drop -Dlmsdb.jobs.");
        }
        if (options.keep() != null && options.keep() < 1) {
            throw new LmsdbException("Invalid keep " + options.keep() + ": it must be 1 or more.", "  For example: -Dlmsdb.keep=7");
        }
    }

    private void dump(PgTools tools, Options options, String snapshot, Path temp, BackupListener listener) throws LmsdbException {
        List<String> command = new ArrayList<>(connectionArgs(tools.pgDump(), target.url().database()));
        command.addAll(List.of("--snapshot=" + snapshot, "--format=" + options.format().flag(), "--file=" + temp));
        if (options.format() != BackupFormat.PLAIN) {
            command.add("--compress=" + (options.compressionLevel() == null ? Options.DEFAULT_COMPRESSION : options.compressionLevel()));
        }
        if (options.jobs() > 1) {
            command.add("--jobs=" + options.jobs());
        }
        runWithProgress(command, temp, listener);
    }

    private void runWithProgress(List<String> command, Path output, BackupListener listener) throws LmsdbException {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lmsdb-" + Path.of(command.get(0)).getFileName());
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        try {
            Future<ProcessRunner.Result> running = executor.submit(() -> ProcessRunner.run(command, toolEnvironment(), null, toolTimeout));
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

    private List<String> connectionArgs(Path tool, String database) {
        return new ArrayList<>(List.of(tool.toString(), "--host=" + target.url().bareHost(), "--port=" + target.url().port(),
                "--username=" + target.user(), "--dbname=" + database, "--no-password"));
    }

    /** The password reaches the tools through their environment only, never their arguments. */
    private Map<String, String> toolEnvironment() {
        Map<String, String> env = new HashMap<>();
        if (target.hasPassword()) {
            env.put("PGPASSWORD", target.password());
        }
        env.put("PGCONNECT_TIMEOUT", Long.toString(Math.max(1, target.connectTimeout().toSeconds())));
        env.put("PGAPPNAME", "lmsdb-maven-plugin");
        return env;
    }

    private Map<String, Long> countRows(Connection c) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (TableInfo table : Scope.of(schemas).applicationTables(c)) {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select count(*) from " + Identifiers.qualified(table.schema(), table.name()))) {
                rs.next();
                rows.put(table.schema() + "." + table.name(), rs.getLong(1));
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
            Files.createDirectories(backupDirectory);
        } catch (IOException e) {
            throw new LmsdbException("Cannot create the backup directory " + backupDirectory + ": " + e.getMessage(),
                    "  Choose another with -Dlmsdb.backupDirectory=<dir>", e);
        }
        String base = safeFileName(database) + "_" + STAMP.format(clock.instant());
        Path file = backupDirectory.resolve(base + format.extension());
        for (int n = 2; Files.exists(file); n++) {
            file = backupDirectory.resolve(base + "_" + n + format.extension());
        }
        return file;
    }

    private static String safeFileName(String database) {
        return database.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** The backups of {@code database} in the backup directory, newest first. */
    public List<Path> backupsOf(String database) {
        Pattern name = Pattern.compile(Pattern.quote(safeFileName(database)) + "_\\d{8}_\\d{6}(_\\d+)?(\\.sql|\\.dump|\\.dir)");
        if (!Files.isDirectory(backupDirectory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(backupDirectory)) {
            return files.filter(f -> name.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparing((Path f) -> f.getFileName().toString()).reversed())
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private List<Path> prune(String database, int keep) throws IOException {
        List<Path> all = backupsOf(database);
        List<Path> removed = new ArrayList<>();
        for (Path old : all.subList(Math.min(keep, all.size()), all.size())) {
            deleteRecursively(old);
            Files.deleteIfExists(Manifest.pathFor(old));
            removed.add(old);
        }
        return removed;
    }

    // ------------------------------------------------------------------ restore

    /** Checks the file, its format and its checksum; changes nothing. */
    public RestorePlan planRestore(Path file) throws LmsdbException {
        String database = target.url().database();
        if (file == null || !Files.exists(file)) {
            List<Path> newest = backupsOf(database).stream().limit(5).toList();
            throw new LmsdbException(
                    "Backup file not found: " + file + ". Nothing was changed.",
                    newest.isEmpty() ? "  No backups of " + database + " in " + backupDirectory + ". Create one with: mvn lmsdb:backup"
                            : "  Newest backups of " + database + " in " + backupDirectory + ":\n"
                                    + String.join("\n", newest.stream().map(p -> "    -Dlmsdb.file=" + p).toList()));
        }
        BackupFormat format = BackupFormat.detect(file);
        Path manifestFile = Manifest.pathFor(file);
        Manifest manifest = null;
        if (Files.isRegularFile(manifestFile)) {
            manifest = Manifest.read(manifestFile);
            String actual;
            try {
                actual = Checksums.sha256(file);
            } catch (IOException e) {
                throw new LmsdbException("Cannot read " + file + ": " + e.getMessage(), "  Check the file's permissions.", e);
            }
            if (!actual.equals(manifest.sha256())) {
                throw new LmsdbException(
                        "Checksum mismatch: " + file.getFileName() + " does not match its manifest (expected " + manifest.sha256()
                                + ", found " + actual + "). The file changed or is damaged. Nothing was changed.",
                        "  Restore another backup; the newest are listed by: ls -t " + backupDirectory);
            }
        }
        return new RestorePlan(file, format, manifest, database);
    }

    /**
     * Restores into a new database, verifies it, and only then swaps it in. Any failure before the
     * swap drops the new database and leaves the current one untouched and in use.
     */
    public RestoreResult restore(RestorePlan plan, int jobs, boolean keepPrevious, BackupListener listener) throws LmsdbException, SQLException {
        long start = System.nanoTime();
        String stamp = STAMP.format(clock.instant());
        String database = plan.targetDatabase();
        ConnectionSettings maintenance = target.withUrl(target.url().withDatabase("postgres"));
        try (Connection m = DatabaseGateway.dataSource(maintenance).getConnection()) {
            String temporary = unusedName(m, database, "_restore_" + stamp);
            String aside = unusedName(m, database, "_before_restore_" + stamp);
            PgTools tools = PgTools.find(pgBinDirectory, serverMajor(m), System.getenv("PATH"));
            boolean targetExists = exists(m, database);
            createLike(m, temporary, targetExists ? database : null);
            int tables;
            try {
                listener.step("Restoring into " + temporary + "...");
                load(tools, plan, temporary, jobs, listener);
                listener.step("Verifying restoration...");
                tables = verify(plan, maintenance.withUrl(maintenance.url().withDatabase(temporary)));
            } catch (LmsdbException | SQLException | RuntimeException e) {
                drop(m, temporary);
                throw e;
            }
            listener.step("Swapping databases...");
            String previous = null;
            boolean dropped = false;
            if (targetExists) {
                terminate(m, database);
                try (Statement st = m.createStatement()) {
                    st.execute("alter database " + Identifiers.quote(database) + " rename to " + Identifiers.quote(aside));
                } catch (SQLException e) {
                    drop(m, temporary);
                    throw new LmsdbException("Cannot move " + database + " aside (" + e.getMessage().lines().findFirst().orElse("")
                            + "). The restored copy was dropped; " + database + " is unchanged.",
                            "  Close the sessions using " + database + " and run the restore again.", e);
                }
                previous = aside;
            }
            try (Statement st = m.createStatement()) {
                st.execute("alter database " + Identifiers.quote(temporary) + " rename to " + Identifiers.quote(database));
            } catch (SQLException e) {
                if (previous != null) {
                    try (Statement st = m.createStatement()) {
                        st.execute("alter database " + Identifiers.quote(aside) + " rename to " + Identifiers.quote(database));
                    }
                }
                drop(m, temporary);
                throw e;
            }
            if (previous != null && !keepPrevious) {
                drop(m, previous);
                dropped = true;
            }
            return new RestoreResult(plan, temporary, dropped ? null : previous, dropped, tables, plan.manifest() != null,
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private void load(PgTools tools, RestorePlan plan, String database, int jobs, BackupListener listener) throws LmsdbException {
        List<String> command;
        if (plan.format() == BackupFormat.PLAIN) {
            command = connectionArgs(tools.psql(), database);
            command.addAll(List.of("--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--file=" + plan.file()));
        } else {
            command = connectionArgs(tools.pgRestore(), database);
            command.add("--exit-on-error");
            if (jobs > 1) {
                command.add("--jobs=" + jobs);
            }
            command.add(plan.file().toString());
        }
        runWithProgress(command, plan.file(), BackupListener.NONE);
    }

    /** Row counts of the restored database against the manifest; the number of tables. */
    private int verify(RestorePlan plan, ConnectionSettings restored) throws LmsdbException, SQLException {
        try (Connection c = DatabaseGateway.dataSource(restored).getConnection()) {
            Map<String, Long> actual = countRows(c);
            if (plan.manifest() == null) {
                return actual.size();
            }
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
                throw new LmsdbException(
                        "The restored data does not match the manifest: " + String.join("; ", problems) + ". The restored copy was dropped; "
                                + plan.targetDatabase() + " is unchanged.",
                        "  The backup is incomplete or damaged. Restore another backup.");
            }
            return actual.size();
        }
    }

    private static int serverMajor(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select current_setting('server_version_num')::int / 10000")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean exists(Connection m, String database) throws SQLException {
        try (PreparedStatement ps = m.prepareStatement("select 1 from pg_database where datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Creates {@code name} from template0 with the encoding and locale of {@code like} (when it exists). */
    private static void createLike(Connection m, String name, String like) throws SQLException {
        String options = "";
        if (like != null) {
            try (PreparedStatement ps = m.prepareStatement(
                    "select pg_encoding_to_char(encoding), datcollate, datctype from pg_database where datname = ?")) {
                ps.setString(1, like);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        options = " encoding " + literal(rs.getString(1)) + " lc_collate " + literal(rs.getString(2))
                                + " lc_ctype " + literal(rs.getString(3));
                    }
                }
            }
        }
        try (Statement st = m.createStatement()) {
            st.execute("create database " + Identifiers.quote(name) + " template template0" + options);
        }
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static void terminate(Connection m, String database) throws SQLException {
        try (PreparedStatement ps = m.prepareStatement(
                "select pg_terminate_backend(pid) from pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
            ps.setString(1, database);
            ps.executeQuery().close();
        }
    }

    private static void drop(Connection m, String database) throws SQLException {
        terminate(m, database);
        try (Statement st = m.createStatement()) {
            st.execute("drop database if exists " + Identifiers.quote(database));
        }
    }

    /** {@code <database><suffix>}, or with {@code _2}, {@code _3}... when a restore in the same second took it. */
    private static String unusedName(Connection m, String database, String suffix) throws SQLException {
        String name = shortName(database, suffix);
        for (int n = 2; exists(m, name); n++) {
            name = shortName(database, suffix + "_" + n);
        }
        return name;
    }

    /** PostgreSQL names are at most 63 bytes: shorten the database part, keep the suffix. */
    private static String shortName(String database, String suffix) {
        int room = 63 - suffix.length();
        return (database.length() > room ? database.substring(0, room) : database) + suffix;
    }

    private static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + ".partial");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Left for the next run: a leftover .partial never looks like a finished backup.
        }
    }
}
