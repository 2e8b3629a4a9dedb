package io.github.lmsdb.core.backup;

import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.db.Identifiers;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies the schema (no data) of some schemas of one database into another with {@code pg_dump
 * --schema-only} and psql: exact, with functions, triggers and the extensions the objects use.
 * The source is only read (pg_dump takes ACCESS SHARE locks, waiting at most
 * {@link #LOCK_WAIT} for them); the destination must be a fresh database whose copies of those
 * schemas may be replaced, and that is dropped when the copy fails (it is restored statement by statement).
 */
public final class SchemaCopy {
    /** How long pg_dump waits for a table's ACCESS SHARE lock on the source before it gives up. */
    static final String LOCK_WAIT = "10s";

    private final Path pgBinDirectory;
    private final Duration toolTimeout;
    private final String applicationName;

    /**
     * @param pgBinDirectory where pg_dump and psql are, or null to search for them
     * @param applicationName how the tools' sessions show in {@code pg_stat_activity}
     */
    public SchemaCopy(Path pgBinDirectory, Duration toolTimeout, String applicationName) {
        this.pgBinDirectory = pgBinDirectory;
        this.toolTimeout = toolTimeout;
        this.applicationName = applicationName;
    }

    /** Copies the definitions in {@code schemas} of {@code from} into {@code to}, replacing what {@code to} has under those names. */
    public void copy(ConnectionSettings from, List<String> schemas, ConnectionSettings to) throws LmsdbException {
        List<String> extensions;
        int major;
        try (Connection c = DatabaseGateway.dataSource(from).getConnection()) {
            major = serverMajor(c);
            extensions = extensions(c);
        } catch (SQLException e) {
            throw new LmsdbException("Cannot read the server version and extensions of " + from.url().database() + ": "
                    + e.getMessage().lines().findFirst().orElse("") + ".", Hint.NONE, e);
        }
        PgTools tools = PgTools.find(pgBinDirectory, major, System.getenv("PATH"));
        Path dump = null;
        Path scanned = null;
        try {
            dump = privateTempFile();
            scanned = privateTempFile();
            List<String> pgDump = new ArrayList<>(List.of(tools.pgDump().toString(), "--dbname=" + BackupService.conninfo(from, from.url().database()),
                    "--no-password", "--schema-only", "--no-owner", "--no-privileges", "--lock-wait-timeout=" + LOCK_WAIT, "--file=" + dump));
            for (String schema : schemas) {
                // A quoted pattern matches the name literally: a schema called "a*b" is that schema only.
                pgDump.add("--schema=" + Identifiers.quote(schema));
            }
            if (tools.major() >= 14) {
                for (String extension : extensions) {
                    pgDump.add("--extension=" + Identifiers.quote(extension));
                }
            }
            ProcessRunner.run(pgDump, environment(from), null, toolTimeout);
            // psql runs exactly the bytes checked for meta-commands other than pg_dump's own.
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(scanned))) {
                PlainDumpScanner.scan(dump, out);
            }
            dropSchemas(to, schemas);
            // Statement by statement, not --single-transaction: one transaction creating 10,000 tables holds a lock on each
            // table, index and TOAST table and runs out of the lock table ("out of shared memory") on a default server, and
            // took minutes before it did (measured: bench/preview-shadow-vs-in-place.sh). The destination is a throwaway
            // database, dropped when the copy fails, so atomicity buys nothing; commits need not wait for the disk either.
            List<String> psql = List.of(tools.psql().toString(), "--dbname=" + BackupService.conninfo(to, to.url().database()), "--no-password",
                    "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--file=" + scanned);
            Map<String, String> restoreEnvironment = environment(to);
            restoreEnvironment.put("PGOPTIONS", "-c synchronous_commit=off");
            ProcessRunner.run(psql, restoreEnvironment, null, toolTimeout);
        } catch (IOException e) {
            throw new LmsdbException("Cannot write the schema copy to " + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(),
                    "  Check free space there.", e);
        } finally {
            deleteQuietly(dump);
            deleteQuietly(scanned);
        }
    }

    /** A fresh database has {@code public}; the dump creates every schema it holds, so the empty ones go first. */
    private static void dropSchemas(ConnectionSettings to, List<String> schemas) throws LmsdbException {
        try (Connection c = DatabaseGateway.dataSource(to).getConnection(); Statement st = c.createStatement()) {
            for (String schema : schemas) {
                st.execute("drop schema if exists " + Identifiers.quote(schema) + " cascade");
            }
        } catch (SQLException e) {
            throw new LmsdbException("Cannot prepare the shadow database " + to.url().database() + ": "
                    + e.getMessage().lines().findFirst().orElse("") + ".", Hint.NONE, e);
        }
    }

    /** The extensions of the source besides plpgsql (always there): the copied objects may use their types and functions. */
    private static List<String> extensions(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select extname from pg_extension where extname <> 'plpgsql' order by extname");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static int serverMajor(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select current_setting('server_version_num')::int / 10000")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Each tool gets its own server's password, through its environment only. */
    private Map<String, String> environment(ConnectionSettings settings) {
        Map<String, String> env = new HashMap<>();
        if (settings.hasPassword()) {
            env.put("PGPASSWORD", settings.password());
        }
        env.put("PGCONNECT_TIMEOUT", Long.toString(Math.max(1, settings.connectTimeout().toSeconds())));
        env.put("PGAPPNAME", applicationName);
        return env;
    }

    private static Path privateTempFile() throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        FileAttribute<?>[] attributes = PrivateFiles.posix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PrivateFiles.FILE)}
                : new FileAttribute<?>[0];
        return Files.createTempFile(dir, "lmsdb-shadow-", ".sql", attributes);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file left in java.io.tmpdir; it holds definitions, never rows
        }
    }
}
