package io.github.lmsdb.core.migrate;

import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.db.Identifiers;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The two questions seed and the audit trail ask on every run, answered with one query on the
 * history table and a listing of the migrations directory instead of loading Flyway and scanning
 * its locations: "is nothing pending?" and "which version is the database at?". Only the plain
 * case is answered here (no history table is an empty history); anything unusual (a failed or deleted row, a file
 * whose version the history lacks) answers {@link Optional#empty()} and the caller asks Flyway.
 */
final class QuickHistory {
    /** Flyway's default versioned-migration name, the only one the plugin configures. */
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.*\\.sql");

    /** A row of the history: its version (null for repeatables), type and outcome. */
    record Row(String version, String type, boolean success) {}

    private final List<Row> rows;

    private QuickHistory(List<Row> rows) {
        this.rows = rows;
    }

    /** The history of the first managed schema (no rows when it has no history table), or empty when it cannot be read. */
    static Optional<QuickHistory> read(DatabaseGateway gateway, String schema) {
        try {
            return read(gateway.connection(), schema);
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<QuickHistory> read(Connection c, String schema) throws SQLException {
        String table = Identifiers.qualified(schema, DatabaseGateway.FLYWAY_HISTORY_TABLE);
        try (PreparedStatement ps = c.prepareStatement("select to_regclass(?) is not null")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    // No history table in the schema Flyway is configured with: nothing is applied (Flyway would say
                    // the same after loading itself, which costs a restore or a backup of such a database ~0.4 s).
                    return Optional.of(new QuickHistory(List.of()));
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select version, type, success from " + table)) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
            }
        }
        return Optional.of(new QuickHistory(rows));
    }

    /** Only successful SQL, JDBC and baseline rows: any other row (failed, deleted, undone) is Flyway's to interpret. */
    private boolean plain() {
        return rows.stream().allMatch(r -> r.success() && (r.type() == null
                || Set.of("SQL", "JDBC", "BASELINE", "SPRING_JDBC", "SQL_BASELINE", "JDBC_BASELINE").contains(r.type())));
    }

    /**
     * The highest applied version, as Flyway's status would report it; empty when the history is
     * not plain enough to say without Flyway. {@code Optional.of(Optional.empty())}: nothing applied.
     */
    Optional<Optional<String>> latestVersion() {
        if (!plain()) {
            return Optional.empty();
        }
        return Optional.of(rows.stream().map(Row::version).filter(v -> v != null).max(QuickHistory::compareVersions));
    }

    /**
     * True when every versioned migration file in {@code directory} has a successful history row of
     * the same version: nothing is pending, without Flyway. Empty when that cannot be said this way
     * (a file the history lacks, repeatable migrations, an unusual row): ask Flyway.
     */
    Optional<Boolean> nothingPending(Path directory) {
        if (!plain()) {
            return Optional.empty();
        }
        Set<String> applied = new HashSet<>();
        for (Row r : rows) {
            if (r.version() != null) {
                applied.add(r.version());
            }
        }
        if (!Files.isDirectory(directory)) {
            return Optional.of(true);
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = f.getFileName().toString();
                if (name.startsWith("R__") && name.endsWith(".sql")) {
                    return Optional.empty();
                }
                Matcher m = VERSIONED.matcher(name);
                if (m.matches() && !applied.contains(m.group(1).replace('_', '.'))) {
                    return Optional.empty();
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
        return Optional.of(true);
    }

    /** Flyway's order of versions: part by part as numbers, a missing part counting as zero. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = part(x, i).compareTo(part(y, i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static BigInteger part(String[] parts, int i) {
        if (i >= parts.length || parts[i].isEmpty()) {
            return BigInteger.ZERO;
        }
        try {
            return new BigInteger(parts[i]);
        } catch (NumberFormatException e) {
            return BigInteger.ZERO;
        }
    }
}
