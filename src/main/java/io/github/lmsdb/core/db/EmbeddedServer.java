package io.github.lmsdb.core.db;

import io.github.lmsdb.core.error.LmsdbException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A real PostgreSQL from the zonky binaries, with its data in a directory that survives restarts
 * (the first start runs initdb; later ones reuse the cluster). Its only user is {@code postgres},
 * trusted on localhost.
 */
public final class EmbeddedServer implements AutoCloseable {
    public static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts a server on {@code dataDirectory}, running initdb only when the directory holds no cluster.
     *
     * @param binariesJar the zonky binaries jar for this platform, or {@code null} to find one on the class path
     * @param port the port to listen on, or 0 for a free one
     */
    public static EmbeddedServer start(Path dataDirectory, Path binariesJar, int port) throws LmsdbException {
        return start(dataDirectory, binariesJar, port, dir -> {});
    }

    /**
     * As {@link #start(Path, Path, int)}, with a hook that may edit the cluster's files (e.g.
     * {@code pg_hba.conf}) after initdb and before every start.
     */
    public static EmbeddedServer start(Path dataDirectory, Path binariesJar, int port, Consumer<Path> customizer)
            throws LmsdbException {
        try {
            Files.createDirectories(dataDirectory);
            Path log = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setDataDirectoryCustomizer(dir -> customizer.accept(dir.toPath()));
            if (binariesJar != null) {
                builder.setPgBinaryResolver((system, hardware) -> EmbeddedBinaries.openArchive(binariesJar));
            }
            if (port > 0) {
                builder.setPort(port);
            }
            return new EmbeddedServer(builder.start(), dataDirectory);
        } catch (IOException | RuntimeException e) {
            throw new LmsdbException(
                    "Cannot start the embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage(),
                    "  Its log is " + dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log") + "\n"
                            + "  If another build is using this directory, stop it first; to start from scratch, delete " + dataDirectory,
                    e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String host() {
        return "localhost";
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Creates {@code database} when it does not exist yet; returns whether it did. */
    public boolean ensureDatabase(String database) throws SQLException {
        try (ServerAdmin admin = ServerAdmin.over(postgres.getPostgresDatabase().getConnection())) {
            if (admin.exists(database)) {
                return false;
            }
            admin.create(database);
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
