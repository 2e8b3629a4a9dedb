package io.github.lmsdb.core.db;

import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.config.ConnectionSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The only way the plugin talks JDBC to PostgreSQL. Each question is answered with a fixed number
 * of queries, whatever the number of tables.
 */
public final class DatabaseGateway implements AutoCloseable {
    /** Flyway's history table: never an application table (see {@code catalog.Scope}). */
    public static final String FLYWAY_HISTORY_TABLE = "flyway_schema_history";
    /** Prefix of the plugin's own tables ({@code lmsdb_metadata}, {@code lmsdb_audit}). */
    public static final String PLUGIN_TABLE_PREFIX = "lmsdb_";

    private final ConnectionSettings settings;
    private final PGSimpleDataSource dataSource;
    private final Connection connection;
    private final ReusedConnections forFlyway;

    private DatabaseGateway(ConnectionSettings settings, PGSimpleDataSource dataSource, Connection connection) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.connection = connection;
        this.forFlyway = new ReusedConnections(dataSource);
    }

    /**
     * Connects within the configured timeout.
     *
     * @throws LmsdbException saying why the connection failed (refused, unknown host, timeout,
     *     authentication, unknown database) and how to fix it
     */
    public static DatabaseGateway connect(ConnectionSettings settings) throws LmsdbException {
        PGSimpleDataSource dataSource = dataSource(settings);
        try {
            return new DatabaseGateway(settings, dataSource, dataSource.getConnection());
        } catch (SQLException e) {
            throw ConnectionFailures.explain(e, settings);
        }
    }

    /** A data source with the same settings, for Flyway and for work on separate connections. */
    public static PGSimpleDataSource dataSource(ConnectionSettings settings) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {settings.url().bareHost()});
        ds.setPortNumbers(new int[] {settings.url().port()});
        ds.setDatabaseName(settings.url().database());
        ds.setUser(settings.user());
        if (settings.hasPassword()) {
            ds.setPassword(settings.password());
        }
        int timeout = (int) Math.max(1, settings.connectTimeout().toSeconds());
        ds.setConnectTimeout(timeout);
        ds.setLoginTimeout(timeout);
        ds.setApplicationName(settings.applicationName());
        // Sends application_name in the startup packet rather than as a SET after it: it is then the session's default,
        // which a reused connection's DISCARD ALL keeps (see ReusedConnections), and it names the session from its start.
        ds.setAssumeMinServerVersion("9.0");
        return ds;
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /**
     * For Flyway: connections with the same settings, separate from {@link #connection()}; one Flyway closes is kept (reset)
     * for its next call and ended with this gateway (see {@link ReusedConnections}).
     */
    public DataSource dataSource() {
        return forFlyway;
    }

    /** The open connection, for core services in the same package family. */
    public Connection connection() {
        return connection;
    }

    /** Server version, database, user and database size, in one query. */
    public ServerInfo serverInfo() throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("select current_setting('server_version'), "
                        + "current_setting('server_version_num')::int, current_database(), current_user, "
                        + "pg_database_size(current_database())")) {
            rs.next();
            return new ServerInfo(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getLong(5));
        }
    }

    @Override
    public void close() {
        forFlyway.close();
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing a connection the server already dropped is not worth a failure.
        }
    }
}
