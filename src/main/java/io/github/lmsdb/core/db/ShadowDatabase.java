package io.github.lmsdb.core.db;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.config.ConnectionSettings;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * A throwaway database on the same server, with a random name, dropped on close whatever
 * happened (its sessions are ended first). It carries a comment naming the run that made it.
 */
public final class ShadowDatabase implements AutoCloseable {
    /** Every shadow database's name starts so: a leftover one can be found (see {@code backup.Leftovers}). */
    public static final String PREFIX = "lmsdb_shadow_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConnectionSettings maintenance;
    private final String name;
    private final DatabaseGateway gateway;

    private ShadowDatabase(ConnectionSettings maintenance, String name, DatabaseGateway gateway) {
        this.maintenance = maintenance;
        this.name = name;
        this.gateway = gateway;
    }

    /** Creates a shadow on the server of {@code server} (any database on it) and connects to it. */
    public static ShadowDatabase create(ConnectionSettings server, String purpose) throws LmsdbException {
        return create(server, purpose, Hint.line("lmsdb:generate builds the schemas it compares in throwaway databases: give " + server.user()
                + " the CREATEDB privilege (alter role " + server.user() + " createdb), or run it against the embedded server: ",
                Hint.set("embedded", "true")));
    }

    /** As {@link #create(ConnectionSettings, String)}, with the hint to give when the server refuses to create it. */
    public static ShadowDatabase create(ConnectionSettings server, String purpose, Hint whenRefused) throws LmsdbException {
        return create(server, null, purpose, whenRefused);
    }

    /** As {@link #create(ConnectionSettings, String, Hint)}, on {@code site} and in its tablespace, if it names one. */
    public static ShadowDatabase create(ShadowServer site, String purpose, Hint whenRefused) throws LmsdbException {
        return create(site.settings(), site.tablespace(), purpose, whenRefused);
    }

    private static ShadowDatabase create(ConnectionSettings server, String tablespace, String purpose, Hint whenRefused)
            throws LmsdbException {
        ConnectionSettings maintenance = ServerAdmin.maintenance(server);
        byte[] bytes = new byte[5];
        RANDOM.nextBytes(bytes);
        String name = PREFIX + purpose + "_" + HexFormat.of().formatHex(bytes);
        try (ServerAdmin admin = ServerAdmin.open(server)) {
            // The comment names this JVM: a later run can tell a shadow left by a killed run from one in use.
            admin.create(name, ServerAdmin.Creation.DEFAULT.template("template0").tablespace(tablespace)
                    .comment(ApplicationName.ofThisJvm(server.applicationName(), purpose).value() + " shadow database"));
        } catch (SQLException e) {
            throw new LmsdbException("Cannot create a shadow database on " + server.url().hostAndPort() + ": "
                    + e.getMessage().lines().findFirst().orElse("") + ".",
                    whenRefused,
                    e);
        }
        try {
            return new ShadowDatabase(maintenance, name, DatabaseGateway.connect(server.withUrl(server.url().withDatabase(name))));
        } catch (LmsdbException e) {
            drop(maintenance, name);
            throw e;
        }
    }

    public String name() {
        return name;
    }

    public DatabaseGateway gateway() {
        return gateway;
    }

    public Connection connection() {
        return gateway.connection();
    }

    /** How to reach it, with the credentials it was created with. */
    public ConnectionSettings settings() {
        return gateway.settings();
    }

    @Override
    public void close() {
        gateway.close();
        drop(maintenance, name);
    }

    private static void drop(ConnectionSettings maintenance, String name) {
        try (ServerAdmin admin = ServerAdmin.open(maintenance)) {
            admin.terminateAndDrop(name);
        } catch (SQLException e) {
            // Best effort: a leftover lmsdb_shadow_* database is harmless and named so it can be found.
        }
    }
}
