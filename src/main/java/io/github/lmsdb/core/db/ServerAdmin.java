package io.github.lmsdb.core.db;

import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.error.LmsdbException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Whole databases on one server: whether one exists, creating, renaming, ending sessions and
 * dropping, and swapping two names in one transaction. Connected to the server's maintenance
 * database ({@value #MAINTENANCE_DATABASE}), never to a database it changes. The one place these
 * statements are written.
 */
public final class ServerAdmin implements AutoCloseable {
    /** Where work on whole databases connects: never the database being created, renamed or dropped. */
    public static final String MAINTENANCE_DATABASE = "postgres";

    private final Connection connection;

    private ServerAdmin(Connection connection) {
        this.connection = connection;
    }

    /**
     * How {@link #create} makes a database. {@code template} null means the server's default
     * ({@code template1}); {@code localeOf} names a database whose encoding and locale the new one
     * takes (ignored when it does not exist; use with {@code template0}); {@code comment} is stored
     * on the database ({@code COMMENT ON DATABASE}), e.g. which run created it; {@code tablespace}
     * is where its files go (null: the server's default).
     */
    public record Creation(String template, String owner, String localeOf, String comment, String tablespace) {
        public static final Creation DEFAULT = new Creation(null, null, null, null, null);

        public Creation template(String name) {
            return new Creation(name, owner, localeOf, comment, tablespace);
        }

        public Creation owner(String role) {
            return new Creation(template, role, localeOf, comment, tablespace);
        }

        public Creation localeOf(String database) {
            return new Creation(template, owner, database, comment, tablespace);
        }

        public Creation comment(String text) {
            return new Creation(template, owner, localeOf, text, tablespace);
        }

        /** The database's default tablespace (null: the server's default). */
        public Creation tablespace(String name) {
            return new Creation(template, owner, localeOf, comment, name);
        }
    }

    /** The maintenance database of the server {@code anyOnServer} points at, with its credentials; failures explained. */
    public static ServerAdmin connect(ConnectionSettings anyOnServer) throws LmsdbException {
        ConnectionSettings maintenance = maintenance(anyOnServer);
        try {
            return new ServerAdmin(DatabaseGateway.dataSource(maintenance).getConnection());
        } catch (SQLException e) {
            throw ConnectionFailures.explain(e, maintenance);
        }
    }

    /** As {@link #connect}, the failure left to the caller to word. */
    public static ServerAdmin open(ConnectionSettings anyOnServer) throws SQLException {
        return new ServerAdmin(DatabaseGateway.dataSource(maintenance(anyOnServer)).getConnection());
    }

    /** Over a connection the caller opened to a maintenance database; closed with this. */
    public static ServerAdmin over(Connection maintenanceConnection) {
        return new ServerAdmin(maintenanceConnection);
    }

    /** The same server and credentials, the maintenance database. */
    public static ConnectionSettings maintenance(ConnectionSettings anyOnServer) {
        return anyOnServer.withUrl(anyOnServer.url().withDatabase(MAINTENANCE_DATABASE));
    }

    /** For questions about the server that are not about one database (sessions, sizes). */
    public Connection connection() {
        return connection;
    }

    /** Whether a database of that name exists on this server. */
    public boolean exists(String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Creates {@code name} as {@code how} says (CREATE DATABASE cannot run in a transaction: runs in auto-commit). */
    public void create(String name, Creation how) throws SQLException {
        StringBuilder sql = new StringBuilder("create database ").append(Identifiers.quote(name));
        if (how.owner() != null) {
            sql.append(" owner ").append(Identifiers.quote(how.owner()));
        }
        if (how.template() != null) {
            sql.append(" template ").append(Identifiers.quote(how.template()));
        }
        if (how.tablespace() != null) {
            sql.append(" tablespace ").append(Identifiers.quote(how.tablespace()));
        }
        if (how.localeOf() != null) {
            try (PreparedStatement ps = connection.prepareStatement(
                    "select pg_encoding_to_char(encoding), datcollate, datctype from pg_database where datname = ?")) {
                ps.setString(1, how.localeOf());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        sql.append(" encoding ").append(literal(rs.getString(1))).append(" lc_collate ").append(literal(rs.getString(2)))
                                .append(" lc_ctype ").append(literal(rs.getString(3)));
                    }
                }
            }
        }
        autoCommit(() -> {
            try (Statement st = connection.createStatement()) {
                st.execute(sql.toString());
                if (how.comment() != null) {
                    st.execute("comment on database " + Identifiers.quote(name) + " is " + literal(how.comment()));
                }
            }
        });
    }

    /** Creates {@code name} with the server's defaults. */
    public void create(String name) throws SQLException {
        create(name, Creation.DEFAULT);
    }

    /** Ends every other session on {@code name}. */
    public void terminate(String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "select pg_terminate_backend(pid) from pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
            ps.setString(1, name);
            ps.executeQuery().close();
        }
    }

    /** Ends the sessions on {@code name} and drops it, when it exists. */
    public void terminateAndDrop(String name) throws SQLException {
        autoCommit(() -> {
            terminate(name);
            try (Statement st = connection.createStatement()) {
                st.execute("drop database if exists " + Identifiers.quote(name));
            }
        });
    }

    /** Creates tablespace {@code name} on the existing, empty directory {@code location} (a superuser's statement). */
    public void createTablespace(String name, String location) throws SQLException {
        autoCommit(() -> {
            try (Statement st = connection.createStatement()) {
                st.execute("create tablespace " + Identifiers.quote(name) + " location " + literal(location));
            }
        });
    }

    /** Drops tablespace {@code name} when it exists (refused while anything is stored in it). */
    public void dropTablespace(String name) throws SQLException {
        autoCommit(() -> {
            try (Statement st = connection.createStatement()) {
                st.execute("drop tablespace if exists " + Identifiers.quote(name));
            }
        });
    }

    /** Renames a database nobody is connected to. */
    public void rename(String from, String to) throws SQLException {
        autoCommit(() -> {
            try (Statement st = connection.createStatement()) {
                st.execute(renameSql(from, to));
            }
        });
    }

    /**
     * Puts {@code replacement} under the name {@code database}, moving the current {@code database}
     * (if {@code aside} is not null) to {@code aside}: both renames in one transaction (PostgreSQL
     * allows ALTER DATABASE RENAME in a transaction block), so a crash leaves the old database or
     * the new one under the name, never none. The sessions on {@code database} are ended first;
     * retried when one reconnects between its end and the rename. The replacement's comment (which
     * marked it as a run's temporary database) is cleared in the same transaction.
     */
    public void swap(String database, String replacement, String aside) throws SQLException {
        SQLException last = null;
        boolean autoCommit = connection.getAutoCommit();
        for (int attempt = 0; attempt < 3; attempt++) {
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                if (aside != null) {
                    terminate(database);
                    st.execute(renameSql(database, aside));
                }
                st.execute(renameSql(replacement, database));
                st.execute("comment on database " + Identifiers.quote(database) + " is null");
                connection.commit();
                return;
            } catch (SQLException e) {
                connection.rollback();
                last = e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw last;
    }

    /** The comment stored on a database, or null. */
    public String comment(String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "select shobj_description(oid, 'pg_database') from pg_database where datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String renameSql(String from, String to) {
        return "alter database " + Identifiers.quote(from) + " rename to " + Identifiers.quote(to);
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    /** CREATE and DROP DATABASE refuse a transaction block: whatever the caller left the connection in. */
    private void autoCommit(SqlWork work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (!autoCommit) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        try {
            work.run();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing a connection the server already dropped is not worth a failure.
        }
    }
}
