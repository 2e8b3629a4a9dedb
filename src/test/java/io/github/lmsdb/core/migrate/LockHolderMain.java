package io.github.lmsdb.core.migrate;

import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.config.JdbcUrl;
import io.github.lmsdb.core.config.PasswordSource;
import io.github.lmsdb.core.db.ApplicationName;
import io.github.lmsdb.core.db.DatabaseGateway;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

/**
 * A separate JVM that takes the migration lock as an lmsdb migrate run would and then runs a long
 * statement, for {@link MigrationLockTakeoverTest} to kill with {@code kill -9}: the backend keeps
 * running and keeps the lock after its JVM is gone.
 *
 * <p>Arguments: port, database. Prints {@code LOCKED <application name>} once it holds the lock.
 */
public final class LockHolderMain {
    private LockHolderMain() {}

    public static void main(String[] args) throws Exception {
        ConnectionSettings connection = new ConnectionSettings(new JdbcUrl("localhost", Integer.parseInt(args[0]), args[1], ""), "postgres",
                null, PasswordSource.NONE, null, Duration.ofSeconds(10)).withApplicationName(ApplicationName.newRun("migrate").value());
        try (Connection c = DatabaseGateway.dataSource(connection).getConnection()) {
            MigrationLock.acquire(c, "public", Duration.ofSeconds(60), MigrationListener.NONE);
            System.out.println("LOCKED " + connection.applicationName());
            System.out.flush();
            try (Statement st = c.createStatement()) {
                st.execute("select pg_sleep(600)");
            }
        }
        System.exit(0);
    }
}
