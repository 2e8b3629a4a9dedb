package io.github.lmsdb.core.seed;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.catalog.Scope;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.db.Identifiers;
import io.github.lmsdb.core.db.TableInfo;
import io.github.lmsdb.core.sql.ScriptExecutor;
import io.github.lmsdb.core.sql.ScriptFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.postgresql.util.PSQLException;

/**
 * Runs the seed groups in one transaction: a failing file leaves the database exactly as before.
 * What each group created is measured (rows per table before and after), never guessed from files.
 */
public final class SeedRunner {
    private final DatabaseGateway gateway;
    private final List<String> schemas;
    private final Path seedsDirectory;

    public SeedRunner(DatabaseGateway gateway, List<String> schemas, Path seedsDirectory) {
        this.gateway = gateway;
        this.schemas = List.copyOf(schemas);
        this.seedsDirectory = seedsDirectory;
    }

    /** The groups in seeding order, for listing and for refusing unknown names. */
    public List<SeedGroup> groups() throws LmsdbException {
        return SeedGroup.discover(seedsDirectory);
    }

    /**
     * @param fresh empty the tables first (restarting identities): every application table of the
     *     managed schemas, or with {@code only}, the tables the chosen groups load
     * @param only group names to run, or empty for all
     * @param withCredentials read credentials.txt into the result (development only)
     */
    public SeedResult seed(boolean fresh, List<String> only, boolean withCredentials, SeedListener listener)
            throws LmsdbException, SQLException {
        long start = System.nanoTime();
        List<SeedGroup> groups = SeedGroup.select(groups(), only);
        Connection c = gateway.connection();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            List<String> emptied = !fresh ? List.of() : only == null || only.isEmpty() ? emptyApplicationTables(c) : emptyTablesLoadedBy(c, groups);
            ScriptExecutor executor = new ScriptExecutor(c, schemas);
            CsvLoader csv = new CsvLoader(c, schemas.get(0));
            List<SeedResult.Group> results = new ArrayList<>();
            for (SeedGroup group : groups) {
                listener.started(group);
                Map<String, Long> before = rowCounts(c);
                for (Path file : group.files()) {
                    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                        csv.load(file, group);
                    } else {
                        try {
                            executor.run(file);
                        } catch (ScriptFailure f) {
                            throw new SeedFailure(group, f.file(), f.line(),
                                    f.getMessage().lines().findFirst().orElse("") + " (SQL state " + f.sqlState() + ")", f);
                        }
                    }
                }
                Map<String, Long> after = rowCounts(c);
                Map<String, Long> created = new LinkedHashMap<>();
                after.forEach((table, rows) -> {
                    long delta = rows - before.getOrDefault(table, 0L);
                    if (delta != 0) {
                        created.put(table, delta);
                    }
                });
                SeedResult.Group result = new SeedResult.Group(group.name(), created, summary(c, group));
                results.add(result);
                listener.finished(result);
            }
            c.commit();
            List<String> credentials = withCredentials ? credentials() : List.of();
            return new SeedResult(results, emptied, credentials, Duration.ofNanos(System.nanoTime() - start));
        } catch (LmsdbException | SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** Every application table (not Flyway's history, not the plugin's tables), emptied in one statement. */
    private List<String> emptyApplicationTables(Connection c) throws SQLException {
        List<TableInfo> tables = Scope.of(schemas).applicationTables(c);
        if (tables.isEmpty()) {
            return List.of();
        }
        String list = tables.stream().map(t -> Identifiers.qualified(t.schema(), t.name())).collect(Collectors.joining(", "));
        try (Statement st = c.createStatement()) {
            st.execute("truncate table " + list + " restart identity cascade");
        }
        return tables.stream().map(TableInfo::displayName).toList();
    }

    private static final Pattern NAME = Pattern.compile("(\"[^\"]+\"|[A-Za-z_][\\w$]*)(?:\\.(\"[^\"]+\"|[A-Za-z_][\\w$]*))?");
    private static final Pattern LOADS = Pattern.compile("(?i)\\b(?:insert\\s+into|copy)\\s+(" + NAME.pattern() + ")");

    /**
     * Only the tables the chosen groups load (a CSV file's table; the tables SQL files insert into or
     * copy to), emptied in one statement without CASCADE: a table that another group's table still
     * references is refused, naming both, rather than emptying that other group's data too.
     */
    private List<String> emptyTablesLoadedBy(Connection c, List<SeedGroup> groups) throws LmsdbException, SQLException {
        Map<String, TableInfo> known = new LinkedHashMap<>();
        for (TableInfo t : Scope.of(schemas).applicationTables(c)) {
            known.put(t.schema() + "." + t.name(), t);
        }
        Map<String, TableInfo> chosen = new LinkedHashMap<>();
        for (SeedGroup group : groups) {
            for (Path file : group.files()) {
                for (String name : tablesLoadedBy(file)) {
                    String qualified = name.contains(".") ? name : schemas.get(0) + "." + name;
                    TableInfo table = known.get(qualified);
                    if (table != null) {
                        chosen.putIfAbsent(qualified, table);
                    }
                }
            }
        }
        if (chosen.isEmpty()) {
            return List.of();
        }
        String list = chosen.values().stream().map(t -> Identifiers.qualified(t.schema(), t.name())).collect(Collectors.joining(", "));
        Savepoint before = c.setSavepoint();
        try (Statement st = c.createStatement()) {
            st.execute("truncate table " + list + " restart identity");
        } catch (SQLException e) {
            c.rollback(before);
            if ("0A000".equals(e.getSQLState())) {
                String detail = e instanceof PSQLException p && p.getServerErrorMessage() != null && p.getServerErrorMessage().getDetail() != null
                        ? " (" + p.getServerErrorMessage().getDetail().replace("\"", "").replaceAll("\\.$", "") + ")" : "";
                throw new LmsdbException("Cannot empty only " + String.join(", ", chosen.keySet().stream().map(k -> known.get(k).displayName()).toList())
                        + " for a fresh seed of " + groups.stream().map(SeedGroup::name).collect(Collectors.joining(", "))
                        + ": another table references them" + detail + ". Nothing was changed.",
                        Hint.line("Add the groups that load the referencing tables to ", Hint.param("only"),
                                ", or run the fresh seed without it to empty every application table."), e);
            }
            throw e;
        }
        return chosen.values().stream().map(TableInfo::displayName).toList();
    }

    /** Tables a seed file loads: a CSV file's own table, or those a SQL file inserts into or copies to (lower-cased unless quoted). */
    static List<String> tablesLoadedBy(Path file) throws LmsdbException {
        String fileName = file.getFileName().toString();
        if (fileName.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return List.of(fileName.substring(0, fileName.length() - ".csv".length()));
        }
        List<String> tables = new ArrayList<>();
        Matcher m = LOADS.matcher(ScriptExecutor.read(file));
        while (m.find()) {
            Matcher n = NAME.matcher(m.group(1));
            if (n.matches()) {
                String first = unquote(n.group(1));
                tables.add(n.group(2) == null ? first : first + "." + unquote(n.group(2)));
            }
        }
        return tables;
    }

    private static String unquote(String name) {
        return name.startsWith("\"") ? name.substring(1, name.length() - 1) : name.toLowerCase(Locale.ROOT);
    }

    /** Exact rows of every application table, in one query. */
    private Map<String, Long> rowCounts(Connection c) throws SQLException {
        List<TableInfo> tables = Scope.of(schemas).applicationTables(c);
        Map<String, Long> counts = new LinkedHashMap<>();
        if (tables.isEmpty()) {
            return counts;
        }
        String sql = tables.stream()
                .map(t -> "select " + literal(t.displayName()) + ", count(*) from " + Identifiers.qualified(t.schema(), t.name()))
                .collect(Collectors.joining(" union all "));
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String summary(Connection c, SeedGroup group) throws LmsdbException, SQLException {
        if (group.summary() == null) {
            return null;
        }
        String sql = ScriptExecutor.read(group.summary()).strip();
        if (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1);
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new SeedFailure(group, SeedGroup.SUMMARY_FILE, 0, e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private List<String> credentials() throws LmsdbException {
        Path file = seedsDirectory.resolve(SeedGroup.CREDENTIALS_FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new LmsdbException("Cannot read " + file + ": " + e.getMessage(), "  Check the file's permissions.", e);
        }
    }
}
