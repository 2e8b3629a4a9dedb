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
        return start(dataDirectory, binariesJar, port, customizer, java.util.Map.of());
    }

    /**
     * Server settings for a cluster whose data is worth nothing after the run: shadow databases only. With
     * {@code fsync}, {@code full_page_writes} and {@code synchronous_commit} off, building a 1,000-table schema costs a
     * third of the time (PostgreSQL 15 syncs every new index file otherwise); a crash of the machine may corrupt such a
     * cluster, which is why these are never set on the development server that holds the user's data.
     */
    public static final java.util.Map<String, String> THROWAWAY = java.util.Map.of(
            "fsync", "off", "full_page_writes", "off", "synchronous_commit", "off");

    /** As {@link #start(Path, Path, int, Consumer)}, with {@code postgresql.conf} settings given at start ({@code -c}). */
    public static EmbeddedServer start(Path dataDirectory, Path binariesJar, int port, Consumer<Path> customizer,
            java.util.Map<String, String> serverConfig) throws LmsdbException {
        try {
            Files.createDirectories(dataDirectory);
            stopOrphanedPostmaster(dataDirectory);
            Path log = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setDataDirectoryCustomizer(dir -> customizer.accept(dir.toPath()));
            serverConfig.forEach(builder::setServerConfig);
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
                            + "  If another build is using this directory, let it finish or stop it first; only to start from scratch "
                            + "(losing its data), delete " + dataDirectory,
                    e);
        }
    }

    /** The file lock the server's owning JVM holds on its data directory while it runs (zonky's). */
    private static final String OWNER_LOCK = "epg-lock";

    /**
     * A build killed with {@code kill -9} leaves its embedded postmaster running on the data directory,
     * and the next start would wait for it a minute and fail. When no live JVM owns the directory (its
     * owner's file lock is free) but {@code postmaster.pid} names a live postgres on it, that server is
     * an orphan: it gets a fast shutdown (open transactions roll back, as after a crash) and the start
     * goes on. A directory another live build owns is left alone.
     */
    private static void stopOrphanedPostmaster(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (RuntimeException unreadable) {
            return;
        }
        java.util.Optional<ProcessHandle> postmaster = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (postmaster.isEmpty() || ownedByLiveJvm(dataDirectory)) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (postmaster.get().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException noKillCommand) {
            // Not a POSIX system: the start below reports the running server.
        }
    }

    private static boolean ownedByLiveJvm(Path dataDirectory) throws IOException {
        Path lock = dataDirectory.resolve(OWNER_LOCK);
        if (!Files.exists(lock)) {
            return false;
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lock, java.nio.file.StandardOpenOption.WRITE);
                java.nio.channels.FileLock held = channel.tryLock()) {
            return held == null;
        } catch (java.nio.channels.OverlappingFileLockException thisJvm) {
            return true;
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String host() {
        return "localhost";
    }

    /** Whether the server still takes connections (it can be stopped behind this object's back). */
    public boolean accepting() {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(host(), port()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
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
