package io.github.lmsdb.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.app.Console;
import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.app.RunContext;
import io.github.lmsdb.core.backup.Leftovers;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.config.Settings;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.db.Identifiers;
import io.github.lmsdb.core.db.ServerAdmin;
import io.github.lmsdb.core.db.ShadowDatabase;
import io.github.lmsdb.core.migrate.MigrationLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One scenario's world: a database of its own on the shared test server (named after a random
 * token, so that processes and databases of this run are found by name), its migrations, seeds and
 * backups directories, a gate file, and the goal's JVM.
 *
 * <p>The gate: a statement that polls for a file ({@code pg_stat_file(path, true)}) and sleeps in
 * between, up to {@link #GATE_BOUND_SECONDS}. With the file absent, the goal's JVM stops at a
 * known statement the test can see in pg_stat_activity (wait event {@code PgSleep}) and kill it
 * there; creating the file ends the statement, as a long statement eventually ends.
 */
final class FaultFixture implements AutoCloseable {
    /** Rows of {@code precious} present before every kill. */
    static final int PRECIOUS_ROWS = 5000;
    private static final int GATE_BOUND_SECONDS = 60;
    private static final Duration STATE_WAIT = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    final String token;
    final String database;
    final ConnectionSettings connection;
    final Settings settings;
    final Path base;
    final Path migrations;
    final Path seeds;
    final Path backups;
    final Path gate;
    private final List<Connection> held = new ArrayList<>();
    private Child child;

    private FaultFixture(Path base) throws Exception {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        this.token = "kill" + HexFormat.of().formatHex(bytes);
        this.connection = TestServer.newDatabase(token).withApplicationName("fault-suite");
        this.database = connection.url().database();
        this.base = base;
        this.migrations = Files.createDirectories(base.resolve("migration"));
        this.seeds = Files.createDirectories(base.resolve("seed"));
        this.backups = base.resolve("backups");
        this.gate = base.resolve("gate-open");
        this.settings = TestServer.settings(connection, migrations);
        openGate();
    }

    static FaultFixture create(Path base) throws Exception {
        return new FaultFixture(base);
    }

    // ------------------------------------------------------------------ files and the gate

    void file(Path dir, String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
    }

    void migration(String name, String sql) throws IOException {
        file(migrations, name, sql);
    }

    /** A statement that waits while the gate is closed: a migration, an undo script or a seed file holds it. */
    String gateStatement() {
        return gateStatement("true");
    }

    /**
     * A gate statement that waits only in the goal's JVM (and when {@code condition} holds): the
     * next run, in this JVM, runs the same script while the dead run's statement still waits.
     */
    String gateInGoalJvm(String condition) {
        return gateStatement("current_setting('application_name') not like '%-" + ProcessHandle.current().pid() + "@%' and (" + condition + ")");
    }

    /** Whether the killed run's statement still waits in the gate (on any database). */
    boolean deadStatementStillRuns() throws SQLException {
        // Only "active": the gate loop sleeps in steps of 0.1 s and checks its file between them, so at the instant of the query
        // its wait event may be null rather than PgSleep (a clean-clone CI run failed on that once); the loop keeps the
        // statement active for up to GATE_BOUND_SECONDS.
        return !serverQuery("select 1 from pg_stat_activity where application_name = ? and state = 'active'",
                child.applicationName()).isEmpty();
    }

    /** A gate statement that waits only when {@code condition} (SQL) holds, e.g. in the real run but not in its preview. */
    String gateStatement(String condition) {
        return """
                do $$
                begin -- fault-gate
                    if %s then
                        for i in 1..%d loop
                            exit when (pg_stat_file(%s, true)).size is not null;
                            perform pg_sleep(0.1);
                        end loop;
                    end if;
                end
                $$;
                """.formatted(condition, GATE_BOUND_SECONDS * 10, literal(gate.toAbsolutePath().toString()));
    }

    /** A check function that waits while the gate is closed: a table checked with it makes the restore's load wait per row. */
    String gateFunction() {
        return """
                create function fault_gate_ok(v int) returns boolean language plpgsql as $$
                begin
                    for i in 1..%d loop
                        exit when (pg_stat_file(%s, true)).size is not null;
                        perform pg_sleep(0.1);
                    end loop;
                    return true;
                end
                $$;
                """.formatted(GATE_BOUND_SECONDS * 10, literal(gate.toAbsolutePath().toString()));
    }

    void closeGate() throws IOException {
        Files.deleteIfExists(gate);
    }

    void openGate() throws IOException {
        Files.writeString(gate, "open\n");
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    // ------------------------------------------------------------------ SQL

    Connection connect(String db) throws SQLException {
        return DatabaseGateway.dataSource(connection.withUrl(connection.url().withDatabase(db))).getConnection();
    }

    void exec(String sql) throws SQLException {
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** A session the test keeps open (holding a lock) until {@link #releaseHeld()} rolls it back. */
    Connection hold(String db, String... statements) throws SQLException {
        Connection c = connect(db);
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
        held.add(c);
        return c;
    }

    void releaseHeld() throws SQLException {
        for (Connection c : held) {
            c.rollback();
            c.close();
        }
        held.clear();
    }

    /** A query on the maintenance database: never blocked by what happens to the target database. */
    List<List<String>> serverQuery(String sql, Object... params) throws SQLException {
        try (Connection c = connect(ServerAdmin.MAINTENANCE_DATABASE); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    boolean databaseExists(String name) throws SQLException {
        return !serverQuery("select 1 from pg_database where datname = ?", name).isEmpty();
    }

    void insertPrecious() throws SQLException {
        exec("insert into precious select g, md5(g::text) from generate_series(1, " + PRECIOUS_ROWS + ") g");
    }

    /** The rows of {@code precious} present before the kill that are missing now (all of them when the table is). */
    long preciousRowsLost() throws SQLException {
        try (Connection c = connect(database); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select count(*) from precious where id between 1 and " + PRECIOUS_ROWS + " and note = md5(id::text)")) {
            rs.next();
            return PRECIOUS_ROWS - rs.getLong(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return PRECIOUS_ROWS;
            }
            throw e;
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The successful versions in Flyway's history, in order; fails on a failed (half-applied) row. */
    List<String> history() throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection c = connect(database); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select version, success from flyway_schema_history where version is not null order by installed_rank")) {
            while (rs.next()) {
                assertThat(rs.getBoolean(2)).as("history row of version %s is marked failed", rs.getString(1)).isTrue();
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }

    boolean tableExists(String name) throws SQLException {
        try (Connection c = connect(database); PreparedStatement ps = c.prepareStatement("select to_regclass(?) is not null")) {
            ps.setString(1, "public." + name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Schema and history agree: migration V1 creates {@code precious}, every later Vn creates
     * {@code m<n>}, and exactly the applied ones exist; the history is {@code expected}.
     */
    void assertSchemaMatchesHistory(int migrationsWritten, String... expected) throws SQLException {
        List<String> history = history();
        assertThat(history).as("Flyway history of %s", database).containsExactly(expected);
        for (int v = 1; v <= migrationsWritten; v++) {
            String table = v == 1 ? "precious" : "m" + v;
            assertThat(tableExists(table)).as("table %s exists exactly when V%d is in the history %s", table, v, history)
                    .isEqualTo(history.contains(Integer.toString(v)));
        }
    }

    Lmsdb lmsdb(String goal) {
        return new Lmsdb(settings, RunContext.of(goal), Console.SILENT);
    }

    // ------------------------------------------------------------------ the goal's JVM

    record Child(Process process, Path out, String applicationName) {
        /** The prefix of the private copy of a plain dump that this JVM's psql reads, in the temp directory. */
        String restoreCopyPrefix() {
            return "lmsdb-restore-" + process.pid() + "@";
        }

        String output() {
            try {
                return Files.readString(out) + readQuietly(out.resolveSibling(out.getFileName() + ".err"));
            } catch (IOException e) {
                return "<cannot read " + out + ">";
            }
        }

        private static String readQuietly(Path p) {
            try {
                return Files.exists(p) ? "\n--- stderr ---\n" + Files.readString(p) : "";
            } catch (IOException e) {
                return "";
            }
        }
    }

    /** Starts {@code goal} in a JVM of its own, with the same java and class path, against this fixture's database. */
    Child start(String goal, String extra) throws Exception {
        Path out = base.resolve(goal + "-" + System.nanoTime() + ".out");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), GoalMain.class.getName(),
                goal, Integer.toString(connection.url().port()), database, base.toString()));
        if (extra != null) {
            command.add(extra);
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(out.resolveSibling(out.getFileName() + ".err").toFile());
        // The caller's PGPASSWORD, PGUSER, ... must not reach a process that connects as the test says.
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        Process process = builder.start();
        child = new Child(process, out, null);
        long deadline = System.nanoTime() + STATE_WAIT.toNanos();
        while (true) {
            String first = Files.readString(out).lines().filter(l -> l.startsWith("RUN ")).findFirst().orElse(null);
            if (first != null) {
                child = new Child(process, out, first.substring("RUN ".length()).trim());
                return child;
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                fail("The goal's JVM did not say its run id:\n" + child.output());
            }
            Thread.sleep(20);
        }
    }

    /** Polls the server (every 50 ms) until {@code sql} returns a row; fails when the goal's JVM ends first. */
    List<String> awaitServer(String what, String sql, Object... params) throws Exception {
        long deadline = System.nanoTime() + STATE_WAIT.toNanos();
        while (true) {
            List<List<String>> rows = serverQuery(sql, params);
            if (!rows.isEmpty()) {
                return rows.get(0);
            }
            if (child != null && !child.process().isAlive()) {
                fail("The goal's JVM ended before " + what + " (exit " + child.process().exitValue() + "):\n" + child.output());
            }
            if (System.nanoTime() > deadline) {
                fail("Not reached within " + STATE_WAIT.toSeconds() + " s: " + what + "\n" + (child == null ? "" : child.output()));
            }
            Thread.sleep(50);
        }
    }

    /** Waits until a session of the goal's run on a database of this fixture sleeps in the gate. */
    List<String> awaitGate(String what) throws Exception {
        return awaitServer(what, "select datname, application_name from pg_stat_activity where datname like ? and state = 'active' "
                + "and wait_event = 'PgSleep' and pid <> pg_backend_pid()", token + "%");
    }

    // ------------------------------------------------------------------ the kill

    /**
     * {@code kill -9} of the goal's JVM (destroyForcibly is SIGKILL on Linux), then waits up to 10 s
     * for every client tool it ran (pg_dump, pg_restore, psql and their watchdog shells) to be gone.
     *
     * @return the tools that were running at the kill, e.g. {@code pg_dump}
     */
    List<String> kill() throws Exception {
        TreeSet<String> toolsAtKill = new TreeSet<>();
        for (String cmd : toolProcesses().values()) {
            toolsAtKill.add(toolName(cmd));
        }
        child.process().destroyForcibly();
        assertThat(child.process().waitFor(10, TimeUnit.SECONDS)).as("the goal's JVM ended after SIGKILL").isTrue();
        assertThat(child.output()).as("the goal's JVM was killed before it finished").doesNotContain("DONE").doesNotContain("FAILED");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Map<Long, String> alive = toolProcesses();
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            alive = toolProcesses();
        }
        assertThat(alive).as("client tools of the killed run still running 10 s after the kill").isEmpty();
        return List.copyOf(toolsAtKill);
    }

    private static String toolName(String cmd) {
        for (String tool : List.of("pg_dump", "pg_restore", "psql")) {
            if (cmd.contains("/" + tool + " ")) {
                return tool;
            }
        }
        return "sh watchdog";
    }

    /** Processes whose command line names this fixture's token and is a client tool or the watchdog shell around one. */
    Map<Long, String> toolProcesses() throws IOException {
        Map<Long, String> found = new LinkedHashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                String cmd;
                try {
                    cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                } catch (IOException gone) {
                    continue;
                }
                if (cmd.contains(token) && !cmd.startsWith("postgres:") && !cmd.contains(GoalMain.class.getName())
                        && (cmd.contains("pg_dump") || cmd.contains("pg_restore") || cmd.contains("psql") || cmd.contains("lmsdb-watchdog"))) {
                    found.put(Long.parseLong(p.getFileName().toString()), cmd);
                }
            }
        }
        return found;
    }

    // ------------------------------------------------------------------ leftovers

    /**
     * What a dead run can leave: server processes of lmsdb runs still working on this fixture's
     * databases, advisory locks held there, restore databases beside the target, unfinished files
     * in the backup directory and copies of a dump in the goal JVM's temporary directory.
     */
    List<String> leftovers() throws SQLException, IOException {
        List<String> found = new ArrayList<>();
        String app = child == null ? "" : child.applicationName();
        for (List<String> r : serverQuery("select application_name, datname, state, coalesce(wait_event_type || ':' || wait_event, 'running') "
                + "from pg_stat_activity where pid <> pg_backend_pid() and application_name like 'lmsdb:%' "
                + "and (datname like ? or application_name = ?) order by 2", token + "%", app)) {
            String db = r.get(1).equals(database) ? "the database" : r.get(1).contains("_restore_") ? "the _restore_ database"
                    : r.get(1).equals(ServerAdmin.MAINTENANCE_DATABASE) ? "postgres"
                    : r.get(1).startsWith(ShadowDatabase.PREFIX) ? "its shadow database" : r.get(1);
            found.add("server process of the dead run on " + db + " (" + r.get(2) + ", " + r.get(3) + ")");
        }
        for (List<String> r : serverQuery("select l.classid::bigint, l.objid::bigint from pg_locks l join pg_database d on d.oid = l.database "
                + "where l.locktype = 'advisory' and l.granted and d.datname like ? and l.pid <> pg_backend_pid()", token + "%")) {
            boolean lmsdb = MigrationLock.isMigrationLock(Long.parseLong(r.get(0)));
            found.add(lmsdb ? "lmsdb migration lock held by it" : "Flyway's advisory lock held by it");
        }
        for (List<String> r : serverQuery("select d.datname, l.mode from pg_locks l join pg_database d on d.oid = l.objid "
                + "where l.locktype = 'object' and l.classid = 'pg_database'::regclass and l.granted and l.pid <> pg_backend_pid() "
                + "and l.mode = 'AccessExclusiveLock' and d.datname like ?", token + "%")) {
            found.add((r.get(0).equals(database) ? "the database" : "a restore database")
                    + " locked by the dead run's uncommitted rename (new connections to it wait)");
        }
        for (List<String> r : serverQuery("select datname from pg_database where datname like ? and datname <> ? order by 1", token + "%", database)) {
            String name = r.get(0);
            found.add(name.contains("_before_restore_") ? "`_before_restore_` database" : name.contains("_restore_") ? "`_restore_` database"
                    : "database " + name);
        }
        if (child != null) {
            String runId = child.applicationName().substring(child.applicationName().lastIndexOf(':') + 1);
            for (List<String> r : serverQuery("select datname from pg_database where datname like ? "
                    + "and strpos(coalesce(shobj_description(oid, 'pg_database'), ''), ?) > 0", ShadowDatabase.PREFIX.replace("_", "\\_") + "%", runId)) {
                found.add("shadow database `" + r.get(0).replaceAll("_[0-9a-f]+$", "_*") + "`");
            }
        }
        if (Files.isDirectory(backups)) {
            try (Stream<Path> files = Files.list(backups)) {
                for (Path f : files.toList()) {
                    String n = f.getFileName().toString();
                    if (n.endsWith(".partial")) {
                        found.add("`" + (n.endsWith(".json.partial") ? ".<backup>.json.partial" : ".<backup>.partial") + "` in the backup directory");
                    } else if (!n.endsWith(".manifest.json") && !Files.exists(f.resolveSibling(n + ".manifest.json"))) {
                        found.add("dump without manifest " + n);
                    }
                }
            }
        }
        if (child != null) {
            try (Stream<Path> files = Files.list(Leftovers.systemTempDirectory())) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith(child.restoreCopyPrefix())).toList()) {
                    found.add("psql's copy of the dump (`lmsdb-restore-<pid>@<host>-*.sql`) in the temp directory");
                }
            }
        }
        return found;
    }

    /** Waits (up to 30 s) until no server process of an lmsdb run is left on this fixture's databases, nor of the killed run anywhere. */
    void awaitDeadRunGone() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String sql = "select application_name, datname, state, wait_event from pg_stat_activity where pid <> pg_backend_pid() "
                + "and application_name like 'lmsdb:%' and (datname like ? or application_name = ?)";
        List<List<String>> left = serverQuery(sql, token + "%", child.applicationName());
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            left = serverQuery(sql, token + "%", child.applicationName());
        }
        assertThat(left).as("server processes of the killed run still there 30 s after its statement could end").isEmpty();
    }

    /**
     * Makes the dead run's unfinished files look as old as they would when a later run comes: the
     * next run removes a dead run's file only once it has been quiet for 10 s, and the test ages it
     * rather than sleeping.
     */
    void ageDeadRunFiles() throws IOException {
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(60));
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(backups)) {
            try (Stream<Path> s = Files.list(backups)) {
                s.filter(p -> p.getFileName().toString().endsWith(".partial")).forEach(files::add);
            }
        }
        try (Stream<Path> s = Files.list(Leftovers.systemTempDirectory())) {
            s.filter(p -> p.getFileName().toString().startsWith(child.restoreCopyPrefix())).forEach(files::add);
        }
        for (Path f : files) {
            Files.setLastModifiedTime(f, old);
        }
    }

    // ------------------------------------------------------------------ cleanup

    @Override
    public void close() throws Exception {
        if (child != null && child.process().isAlive()) {
            child.process().destroyForcibly();
        }
        try {
            releaseHeld();
        } catch (SQLException ignored) {
            // the session is gone already
        }
        openGate();
        // Databases of this scenario are dropped so that repeated runs do not fill the test server.
        try (Connection c = connect(ServerAdmin.MAINTENANCE_DATABASE); Statement st = c.createStatement()) {
            List<List<String>> mine = new ArrayList<>(serverQuery("select datname from pg_database where datname like ?", token + "%"));
            if (child != null && child.applicationName() != null) {
                // A shadow copy the killed run made, should the scenario have failed before the next run dropped it.
                mine.addAll(serverQuery("select datname from pg_database where datname like ? and strpos(coalesce(shobj_description(oid, "
                        + "'pg_database'), ''), ?) > 0", ShadowDatabase.PREFIX.replace("_", "\\_") + "%",
                        child.applicationName().substring(child.applicationName().lastIndexOf(':') + 1)));
            }
            for (List<String> r : mine) {
                try (PreparedStatement ps = c.prepareStatement("select pg_terminate_backend(pid) from pg_stat_activity where datname = ?")) {
                    ps.setString(1, r.get(0));
                    ps.executeQuery().close();
                }
                st.execute("drop database if exists " + Identifiers.quote(r.get(0)) + " with (force)");
            }
        }
    }
}
