package io.github.lmsdb.core.migrate;

import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.config.JdbcUrl;
import io.github.lmsdb.core.config.PasswordSource;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A separate process that migrates one database, for {@link ConcurrentMigrateTest}: a second JVM is
 * what a second build is, so the migration lock is tested across processes, not threads.
 *
 * <p>Arguments: port, database, migrations directory. Prints {@code WAITING: <message>} when it
 * has to wait for the lock, {@code APPLIED <version>} per migration it applied, then
 * {@code DONE <count>} and exits 0; on failure prints {@code FAILED: <message>} and exits 1.
 */
public final class MigrateMain {
    private MigrateMain() {}

    public static void main(String[] args) {
        int exit;
        try {
            ConnectionSettings connection = new ConnectionSettings(
                    new JdbcUrl("localhost", Integer.parseInt(args[0]), args[1], ""), "postgres", null, PasswordSource.NONE, null, Duration.ofSeconds(10));
            try (Lmsdb lmsdb = Lmsdb.open(TestServer.settings(connection, Path.of(args[2])))) {
                MigrateResult result = lmsdb.migrations().migrate(false, false, null, new MigrationListener() {
                    @Override
                    public void waiting(String message) {
                        System.out.println("WAITING: " + message);
                        System.out.flush();
                    }

                    @Override
                    public void completed(int index, int total, MigrationEntry migration, Duration took) {
                        System.out.println("APPLIED " + migration.version());
                        System.out.flush();
                    }
                });
                System.out.println("DONE " + result.applied().size());
            }
            exit = 0;
        } catch (LmsdbException e) {
            System.out.println("FAILED: " + e.describe());
            exit = 1;
        } catch (Exception | Error e) {
            System.out.println("FAILED: " + e);
            e.printStackTrace(System.out);
            exit = 1;
        }
        System.out.flush();
        System.exit(exit);
    }
}
