package io.github.lmsdb.core.schema;

import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.db.Identifiers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh database on the test server, connected, and dropped on close: the corpus creates a few
 * hundred of them, which would otherwise fill the test server's disk.
 */
public final class ScratchDatabase implements AutoCloseable {
    private final ConnectionSettings settings;
    private final DatabaseGateway gateway;

    private ScratchDatabase(ConnectionSettings settings, DatabaseGateway gateway) {
        this.settings = settings;
        this.gateway = gateway;
    }

    public static ScratchDatabase create(String prefix) throws Exception {
        ConnectionSettings settings = TestServer.newDatabase(prefix);
        return new ScratchDatabase(settings, DatabaseGateway.connect(settings));
    }

    public DatabaseGateway gateway() {
        return gateway;
    }

    public Connection connection() {
        return gateway.connection();
    }

    @Override
    public void close() throws SQLException {
        gateway.close();
        try (Connection m = maintenance(settings); Statement st = m.createStatement()) {
            st.execute("drop database if exists " + Identifiers.quote(settings.url().database()) + " with (force)");
        }
    }

    /** The names of the {@code lmsdb_shadow_*} databases on the server of {@code any}. */
    public static List<String> shadowDatabases(ConnectionSettings any) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection m = maintenance(any); Statement st = m.createStatement();
                ResultSet rs = st.executeQuery("select datname from pg_database where datname like 'lmsdb\\_shadow\\_%' order by datname")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static Connection maintenance(ConnectionSettings any) throws SQLException {
        return DatabaseGateway.dataSource(any.withUrl(any.url().withDatabase("postgres"))).getConnection();
    }
}
