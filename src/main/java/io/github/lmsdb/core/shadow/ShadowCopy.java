package io.github.lmsdb.core.shadow;

import io.github.lmsdb.core.backup.SchemaCopy;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.db.Identifiers;
import io.github.lmsdb.core.db.ShadowDatabase;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A throwaway database ({@code lmsdb_shadow_preview_*}) holding a schema-only copy of the target's
 * managed schemas and the rows of Flyway's history table, so that a preview can run the real
 * scripts without touching the target. Dropped on close, whatever happened.
 *
 * <p>Where it lives: on {@code shadowServer} when the user gave one, else on the target's server
 * when the target's user may create databases there. The target is only read: pg_dump's schema
 * dump and a select of the history rows.
 */
public final class ShadowCopy implements AutoCloseable {
    private final ShadowDatabase database;

    private ShadowCopy(ShadowDatabase database) {
        this.database = database;
    }

    /**
     * @param target the database to copy, with a connection open on it
     * @param shadowServer where to create the shadow (any database of that server), or null for the target's server
     */
    public static ShadowCopy create(DatabaseGateway target, List<String> schemas, ConnectionSettings shadowServer, SchemaCopy copy)
            throws LmsdbException, SQLException {
        ConnectionSettings server = shadowServer != null ? shadowServer : target.settings();
        if (shadowServer == null && !mayCreateDatabases(target.connection())) {
            throw new LmsdbException("A preview runs the scripts on a shadow copy of " + target.settings().url().database()
                    + ", never on the database itself, and " + target.settings().user() + " may not create databases on "
                    + target.settings().url().hostAndPort() + " to hold one.",
                    Hint.line("Give a server for the shadow copy, e.g. a local or CI PostgreSQL of the same major version: ",
                                    Hint.set("shadowUrl", "jdbc:postgresql://localhost:5432/postgres"))
                            .then("Or give " + target.settings().user() + " the CREATEDB privilege (alter role "
                                    + Identifiers.quote(target.settings().user()) + " createdb)."));
        }
        Hint refused = Hint.line("A preview needs a throwaway database for its shadow copy: give " + server.user()
                + " the CREATEDB privilege there, or another server: ", Hint.set("shadowUrl", "jdbc:postgresql://<host>:5432/postgres"));
        ShadowDatabase shadow = ShadowDatabase.create(server, "preview", refused);
        try {
            refuseOlderServer(target.connection(), shadow.connection(), server);
            copy.copy(target.settings(), schemas, shadow.settings());
            copyHistory(target.connection(), shadow.connection(), schemas.get(0));
            try (Statement st = shadow.connection().createStatement()) {
                st.execute("set search_path = " + String.join(", ", schemas.stream().map(Identifiers::quote).toList()));
            }
            return new ShadowCopy(shadow);
        } catch (LmsdbException | SQLException | RuntimeException e) {
            shadow.close();
            throw e;
        }
    }

    /** The shadow's connection: scripts run here, in the transactions the caller opens. */
    public Connection connection() {
        return database.connection();
    }

    public String name() {
        return database.name();
    }

    @Override
    public void close() {
        database.close();
    }

    /** Whether the target's user may create databases on its server (a shadow copy can live there). */
    public static boolean mayCreateDatabases(Connection target) throws SQLException {
        try (Statement st = target.createStatement();
                ResultSet rs = st.executeQuery("select rolcreatedb or rolsuper from pg_roles where rolname = current_user")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** A schema dump of a newer server may use what an older one lacks: refuse instead of failing halfway. */
    private static void refuseOlderServer(Connection target, Connection shadow, ConnectionSettings server) throws SQLException, LmsdbException {
        int targetMajor = major(target);
        int shadowMajor = major(shadow);
        if (shadowMajor < targetMajor) {
            throw new LmsdbException("The shadow server " + server.url().hostAndPort() + " runs PostgreSQL " + shadowMajor
                    + ", older than the target's " + targetMajor + ": a preview there would not show what the target does.",
                    Hint.line("Give a PostgreSQL " + targetMajor + " server for the shadow copy: ",
                            Hint.set("shadowUrl", "jdbc:postgresql://<host>:5432/postgres")));
        }
    }

    private static int major(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select current_setting('server_version_num')::int / 10000")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The history rows, so the shadow knows what is applied (pg_dump copied the table, not its rows). */
    private static void copyHistory(Connection target, Connection shadow, String schema) throws SQLException {
        String table = Identifiers.qualified(schema, DatabaseGateway.FLYWAY_HISTORY_TABLE);
        try (PreparedStatement exists = target.prepareStatement("select to_regclass(?) is not null")) {
            exists.setString(1, table);
            try (ResultSet rs = exists.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return;
                }
            }
        }
        try (Statement read = target.createStatement(); ResultSet rows = read.executeQuery("select * from " + table)) {
            ResultSetMetaData meta = rows.getMetaData();
            int n = meta.getColumnCount();
            StringBuilder columns = new StringBuilder();
            StringBuilder values = new StringBuilder();
            for (int i = 1; i <= n; i++) {
                columns.append(i > 1 ? ", " : "").append(Identifiers.quote(meta.getColumnName(i)));
                values.append(i > 1 ? ", " : "").append('?');
            }
            try (PreparedStatement insert = shadow.prepareStatement("insert into " + table + " (" + columns + ") values (" + values + ")")) {
                while (rows.next()) {
                    for (int i = 1; i <= n; i++) {
                        insert.setObject(i, rows.getObject(i), meta.getColumnType(i));
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }
}
