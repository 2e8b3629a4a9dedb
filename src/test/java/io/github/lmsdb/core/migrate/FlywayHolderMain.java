package io.github.lmsdb.core.migrate;

import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.config.JdbcUrl;
import io.github.lmsdb.core.config.PasswordSource;
import io.github.lmsdb.core.db.ApplicationName;
import io.github.lmsdb.core.db.DatabaseGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A separate JVM that runs a real migrate, for {@link MigrationLockTakeoverTest} to kill with
 * {@code kill -9} inside a long migration: the lmsdb lock's idle session dies with the JVM, while
 * the backend of Flyway's session runs on and keeps Flyway's own advisory lock.
 *
 * <p>Arguments: port, database, migrations directory. Prints {@code RUN <application name>} first.
 */
public final class FlywayHolderMain {
    private FlywayHolderMain() {}

    public static void main(String[] args) throws Exception {
        String name = ApplicationName.newRun("migrate").value();
        ConnectionSettings connection = new ConnectionSettings(new JdbcUrl("localhost", Integer.parseInt(args[0]), args[1], ""), "postgres",
                null, PasswordSource.NONE, null, Duration.ofSeconds(10)).withApplicationName(name);
        System.out.println("RUN " + name);
        System.out.flush();
        try (DatabaseGateway gateway = DatabaseGateway.connect(connection)) {
            new MigrationService(gateway, List.of("public"), Path.of(args[2])).migrate(false, false, null, MigrationListener.NONE);
        }
        System.exit(0);
    }
}
