package io.github.lmsdb.it;

import io.github.lmsdb.core.db.EmbeddedServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.github.lmsdb.core.backup.BackupFormat;
import io.github.lmsdb.core.backup.BackupListener;
import io.github.lmsdb.core.backup.BackupService;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.config.Environment;
import io.github.lmsdb.core.config.JdbcUrl;
import io.github.lmsdb.core.config.PasswordSource;
import java.time.Clock;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/** What the invoker projects' setup and verify scripts share (they run with the test class path). */
public final class ItSupport {
    private ItSupport() {}

    /**
     * What generate's "Shadow databases:" line says after the local shadow server's major on this machine: where the
     * shadows' files go when it has a memory file system with room (as the plugin decides for a small schema).
     */
    public static String shadowFiles() {
        return io.github.lmsdb.core.db.MemoryTablespace.memoryFileSystem(1000).map(root -> ", files in memory (" + root + ")").orElse("");
    }

    public static String buildLog(File basedir) throws IOException {
        return Files.readString(basedir.toPath().resolve("build.log"), StandardCharsets.UTF_8);
    }

    /** Fails naming every expected line missing from build.log. */
    public static boolean assertLogContains(File basedir, String... expected) throws IOException {
        String log = buildLog(basedir);
        List<String> missing = new ArrayList<>();
        for (String e : expected) {
            if (!log.contains(e)) {
                missing.add(e);
            }
        }
        if (!missing.isEmpty()) {
            throw new AssertionError("build.log of " + basedir.getName() + " lacks " + missing);
        }
        return true;
    }

    /** Fails naming every forbidden text found in build.log. */
    public static boolean assertLogLacks(File basedir, String... forbidden) throws IOException {
        String log = buildLog(basedir);
        List<String> found = new ArrayList<>();
        for (String f : forbidden) {
            if (log.contains(f)) {
                found.add(f);
            }
        }
        if (!found.isEmpty()) {
            throw new AssertionError("build.log of " + basedir.getName() + " contains " + found);
        }
        return true;
    }

    /**
     * Removes every PG* variable (PGPASSWORD, PGUSER, PGSERVICE...) from a child process's
     * environment: inherited from the caller's shell, they would win over what the test sets up.
     * The invoked builds get the same treatment from src/it/mvn-without-caller-pg-env.
     */
    public static Map<String, String> withoutCallerPgEnvironment(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith("PG"));
        return environment;
    }

    /** A function over a JDBC connection. */
    public interface SqlWork<T> {
        T apply(Connection connection) throws Exception;
    }

    /**
     * Starts the embedded server on the project's data directory (the one its build used), runs
     * {@code work} against {@code database}, and stops the server.
     */
    public static <T> T withProjectDatabase(File basedir, String binariesJar, String database, SqlWork<T> work) throws Exception {
        Path data = basedir.toPath().resolve("target/lmsdb/postgres");
        try (EmbeddedServer server = EmbeddedServer.start(data, Path.of(binariesJar), 0)) {
            server.ensureDatabase(database);
            try (Connection c = connect(server.port(), database, "postgres", null)) {
                return work.apply(c);
            }
        }
    }

    /** Applies migrations up to {@code targetVersion} with Flyway itself, as a database that predates the plugin would have. */
    public static int flywayMigrate(File basedir, String binariesJar, String migrations, String targetVersion) throws Exception {
        Path data = basedir.toPath().resolve("target/lmsdb/postgres");
        try (EmbeddedServer server = EmbeddedServer.start(data, Path.of(binariesJar), 0)) {
            server.ensureDatabase("lms_db");
            return Flyway.configure()
                    .dataSource(dataSource(server.port(), "lms_db", "postgres", null))
                    .locations("filesystem:" + migrations)
                    .target(targetVersion)
                    .loggers("slf4j")
                    .load()
                    .migrate()
                    .migrationsExecuted;
        }
    }

    /**
     * Migrates the project's database with the example's migrations, runs {@code sql}, and
     * backs it up with the plugin's own BackupService into {@code backups/}: a backup as the
     * backup goal would have written it.
     */
    public static Path migrateFillAndBackUp(File basedir, String binariesJar, String migrations, String sql) throws Exception {
        flywayMigrate(basedir, binariesJar, migrations, "latest");
        Path data = basedir.toPath().resolve("target/lmsdb/postgres");
        try (EmbeddedServer server = EmbeddedServer.start(data, Path.of(binariesJar), 0)) {
            try (Connection c = connect(server.port(), "lms_db", "postgres", null); Statement st = c.createStatement()) {
                st.execute(sql);
            }
            ConnectionSettings settings = new ConnectionSettings(new JdbcUrl("localhost", server.port(), "lms_db", ""), "postgres", null,
                    PasswordSource.NONE, null, Duration.ofSeconds(10));
            BackupService service = new BackupService(settings, List.of("public"), basedir.toPath().resolve("backups"), null,
                    Duration.ofMinutes(5), Environment.DEVELOPMENT, Clock.systemUTC());
            return service.backup(new BackupService.Options(BackupFormat.PLAIN, null, 1, null), BackupListener.NONE).file();
        }
    }

    /** Copies a directory tree (the example's migrations or schema into a test project). */
    public static void copyDirectory(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Runs SQL on the project's database. */
    public static void execute(File basedir, String binariesJar, String sql) throws Exception {
        withProjectDatabase(basedir, binariesJar, "lms_db", c -> {
            try (Statement st = c.createStatement()) {
                st.execute(sql);
            }
            return null;
        });
    }

    /** The first column of the first row of a query on the project's database. */
    public static Object queryValue(File basedir, String binariesJar, String database, String sql) throws Exception {
        return withProjectDatabase(basedir, binariesJar, database, c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                return rs.next() ? rs.getObject(1) : null;
            }
        });
    }

    /** A data source on localhost (scripts cannot rely on DriverManager seeing the driver of their class loader). */
    public static PGSimpleDataSource dataSource(int port, String database, String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"localhost"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(database);
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    public static Connection connect(int port, String database, String user, String password) throws SQLException {
        return dataSource(port, database, user, password).getConnection();
    }

    public static boolean tableExists(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select to_regclass('public." + table.replace("'", "''") + "') is not null")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
