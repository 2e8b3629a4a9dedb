package io.github.lmsdb.core.seed;

import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.db.Identifiers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.postgresql.util.PSQLException;

/**
 * Loads a CSV file into the table it is named after with PostgreSQL's COPY: header row = columns,
 * standard CSV quoting, an empty unquoted field is NULL. Into an empty table the file is copied
 * directly; otherwise through a temporary table and {@code INSERT ... ON CONFLICT DO NOTHING}, so
 * that seeding twice creates nothing the second time. Identity sequences are moved past the ids
 * the file brought.
 */
final class CsvLoader {
    private final Connection connection;
    private final String defaultSchema;

    CsvLoader(Connection connection, String defaultSchema) {
        this.connection = connection;
        this.defaultSchema = defaultSchema;
    }

    /** The header's column names, unquoted. */
    static List<String> header(String line) {
        List<String> columns = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                columns.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        columns.add(current.toString().trim());
        return columns;
    }

    /**
     * The first line, decoded as UTF-8 (strictly: a byte that is not UTF-8 is refused naming line 1), or null for an empty
     * file. Only that line is read here: the rest goes to the server as bytes, which checks them and names the line.
     */
    private static String headerLine(Path file, SeedGroup group) throws IOException, LmsdbException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
                line.write(b);
            }
        }
        if (line.size() == 0) {
            return null;
        }
        byte[] bytes = line.toByteArray();
        int end = bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes, 0, end)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new LmsdbException("Seed file " + group.folder() + "/" + file.getFileName() + " line 1 is not UTF-8.",
                    "  Save the file as UTF-8 (seed files are read as UTF-8).");
        }
    }

    /** Loads {@code file}; returns nothing, the caller measures rows. */
    void load(Path file, SeedGroup group) throws LmsdbException, SQLException {
        String fileName = file.getFileName().toString();
        String base = fileName.substring(0, fileName.length() - ".csv".length());
        int dot = base.indexOf('.');
        String schema = dot < 0 ? defaultSchema : base.substring(0, dot);
        String table = dot < 0 ? base : base.substring(dot + 1);
        String qualified = Identifiers.qualified(schema, table);
        List<String> tableColumns = columnsOf(schema, table);
        if (tableColumns.isEmpty()) {
            throw new LmsdbException("Seed file " + group.folder() + "/" + fileName + " names table " + schema + "." + table + ", which does not exist.",
                    "  Name a CSV file after its table (users.csv loads users), or create the table with a migration first.");
        }
        List<String> columns;
        try {
            String first = headerLine(file, group);
            if (first == null || first.isBlank()) {
                throw new LmsdbException("Seed file " + group.folder() + "/" + fileName + " is empty: it needs a header row naming the columns.",
                        "  First line: the column names, e.g. id,email,full_name");
            }
            columns = header(first.startsWith("\uFEFF") ? first.substring(1) : first);
        } catch (IOException e) {
            throw new LmsdbException("Cannot read " + file + ": " + e.getMessage(), "  Check the file's permissions.", e);
        }
        for (String column : columns) {
            if (!tableColumns.contains(column)) {
                throw new LmsdbException(
                        "Seed file " + group.folder() + "/" + fileName + " has a column '" + column + "' that table " + table + " does not have.",
                        "  Columns of " + table + ": " + String.join(", ", tableColumns) + ". Fix the header row (line 1).");
            }
        }
        String columnList = String.join(", ", columns.stream().map(Identifiers::quote).toList());
        String overriding = hasAlwaysIdentity(schema, table, columns) ? " overriding system value" : "";
        try {
            if (isEmpty(qualified)) {
                copy("copy " + qualified + " (" + columnList + ") from stdin with (format csv, header true)", file);
            } else {
                String temp = Identifiers.quote("lmsdb_seed_" + table);
                try (Statement st = connection.createStatement()) {
                    st.execute("drop table if exists " + temp);
                    // lmsdb_line numbers the rows in file order, so a row that breaks a constraint can be named.
                    st.execute("create temp table " + temp + " on commit drop as select " + columnList + " from " + qualified + " with no data");
                    st.execute("alter table " + temp + " add column lmsdb_line bigint generated always as identity");
                }
                copy("copy " + temp + " (" + columnList + ") from stdin with (format csv, header true)", file);
                String insert = "insert into " + qualified + " (" + columnList + ")" + overriding + " select " + columnList + " from " + temp;
                Savepoint before = connection.setSavepoint();
                try (Statement st = connection.createStatement()) {
                    st.execute(insert + " order by lmsdb_line on conflict do nothing");
                } catch (PSQLException e) {
                    connection.rollback(before);
                    throw new SeedFailure(group, fileName, failingLine(insert, temp), firstLine(e.getMessage()), e);
                }
                try (Statement st = connection.createStatement()) {
                    st.execute("drop table " + temp);
                }
            }
        } catch (PSQLException e) {
            String where = e.getServerErrorMessage() != null && e.getServerErrorMessage().getWhere() != null
                    ? " (" + e.getServerErrorMessage().getWhere().lines().findFirst().orElse("") + ")" : "";
            throw new SeedFailure(group, fileName, lineOf(where), firstLine(e.getMessage()) + where, e);
        }
        syncIdentities(schema, table, columns);
    }

    /**
     * After a set-wise insert failed: inserts the staged rows one by one, each under a savepoint,
     * to find the first that fails; its file line (header = line 1). Runs only on failure.
     */
    private int failingLine(String insert, String temp) throws SQLException {
        List<Long> lines = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("select lmsdb_line from " + temp + " order by lmsdb_line")) {
            while (rs.next()) {
                lines.add(rs.getLong(1));
            }
        }
        for (long line : lines) {
            Savepoint probe = connection.setSavepoint();
            try (Statement st = connection.createStatement()) {
                st.execute(insert + " where lmsdb_line = " + line + " on conflict do nothing");
                connection.rollback(probe);
            } catch (SQLException e) {
                connection.rollback(probe);
                return (int) line + 1;
            }
        }
        return 0;
    }

    private boolean hasAlwaysIdentity(String schema, String table, List<String> columns) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "select count(*) from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace "
                        + "where n.nspname = ? and c.relname = ? and a.attidentity = 'a' and a.attname = any(?)")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setArray(3, connection.createArrayOf("text", columns.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    /**
     * COPY fed with the file's bytes as they are: the connection's client encoding is UTF-8 (pgjdbc sets it), so the server
     * checks the encoding and names the line of an invalid byte, and the client spends no time decoding and re-encoding.
     */
    private void copy(String sql, Path file) throws SQLException, LmsdbException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            new CopyManager(connection.unwrap(BaseConnection.class)).copyIn(sql, in, COPY_BUFFER);
        } catch (IOException e) {
            throw new LmsdbException("Cannot read " + file + ": " + e.getMessage(), "  Check the file's permissions.", e);
        }
    }

    /** Bytes sent per COPY message: large, so a million rows cost few round trips through the driver. */
    private static final int COPY_BUFFER = 1 << 20;

    private boolean isEmpty(String qualified) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("select not exists (select 1 from " + qualified + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private List<String> columnsOf(String schema, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "select a.attname from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace "
                        + "where n.nspname = ? and c.relname = ? and c.relkind in ('r','p') and a.attnum > 0 and not a.attisdropped order by a.attnum")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    /** Moves the sequence of every identity or serial column the file filled past the highest value. */
    private void syncIdentities(String schema, String table, List<String> columns) throws SQLException {
        String qualified = Identifiers.qualified(schema, table);
        for (String column : columns) {
            String sequence;
            try (PreparedStatement ps = connection.prepareStatement("select pg_get_serial_sequence(?, ?)")) {
                ps.setString(1, qualified);
                ps.setString(2, column);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    sequence = rs.getString(1);
                }
            }
            if (sequence != null) {
                try (PreparedStatement ps = connection.prepareStatement(
                        "select setval(?, coalesce((select max(" + Identifiers.quote(column) + ") from " + qualified + "), 0) + 1, false)")) {
                    ps.setString(1, sequence);
                    ps.executeQuery().close();
                }
            }
        }
    }

    private static int lineOf(String where) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+)").matcher(where);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static String firstLine(String s) {
        return s == null ? "unknown error" : s.lines().findFirst().orElse("");
    }
}
