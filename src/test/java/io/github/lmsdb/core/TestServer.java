package io.github.lmsdb.core;

import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.config.Environment;
import io.github.lmsdb.core.config.JdbcUrl;
import io.github.lmsdb.core.config.PasswordSource;
import io.github.lmsdb.core.config.Settings;
import io.github.lmsdb.core.db.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL for the whole test JVM (the embedded server, binaries from the test class
 * path), and a fresh database per test so that tests never see each other's tables.
 */
public final class TestServer {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedServer server;

    private TestServer() {}

    public static synchronized EmbeddedServer server() throws LmsdbException {
        if (server == null) {
            Path work = Path.of(System.getProperty("lmsdb.test.work", "target/test-work"));
            server = EmbeddedServer.start(work.resolve("pg-" + ProcessHandle.current().pid()), null, 0);
            EmbeddedServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception ignored) {
                    // the JVM is ending
                }
            }));
        }
        return server;
    }

    /** Connection settings for a new, empty database on the test server. */
    public static ConnectionSettings newDatabase(String prefix) throws Exception {
        String name = prefix + "_" + DATABASES.incrementAndGet();
        server().ensureDatabase(name);
        return new ConnectionSettings(
                new JdbcUrl("localhost", server().port(), name, ""), "postgres", null, PasswordSource.NONE, null, Duration.ofSeconds(10));
    }

    public static Settings settings(ConnectionSettings connection, Path migrations) {
        return new Settings(connection, List.of("public"), migrations, migrations.resolveSibling("seed"), migrations.resolveSibling("schema"),
                migrations.resolveSibling("backups"), Environment.DEVELOPMENT, true);
    }
}
