package io.github.lmsdb.maven;

import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.db.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.inject.Named;
import javax.inject.Singleton;

/**
 * The embedded servers of this Maven run, one per data directory: started once, shared by every
 * lmsdb goal of the run, stopped by {@code lmsdb:stop} or when the run ends (the JVM's exit). In a
 * JVM that runs several builds (the Maven Daemon) a server outlives its build and is reused by the
 * next one only while it still takes connections on the port asked for; otherwise it is started again.
 */
@Named
@Singleton
public class EmbeddedServers {
    private final Map<Path, EmbeddedServer> running = new HashMap<>();

    /** The server on {@code dataDirectory}, started now if this run has none yet. */
    public synchronized Started obtain(Path dataDirectory, Callable<Path> binaries, int port) throws LmsdbException {
        return obtain(dataDirectory, binaries, port, Map.of());
    }

    /** As {@link #obtain(Path, Callable, int)}, started with these server settings when it is started now. */
    public synchronized Started obtain(Path dataDirectory, Callable<Path> binaries, int port, Map<String, String> serverConfig)
            throws LmsdbException {
        Path key = dataDirectory.toAbsolutePath().normalize();
        EmbeddedServer server = running.get(key);
        // In a JVM that outlives a build (the Maven Daemon keeps this singleton), the server of an earlier
        // build is reused only while it still takes connections, and on the port this build asks for.
        if (server != null && server.accepting() && (port == 0 || port == server.port())) {
            return new Started(server, false);
        }
        if (server != null) {
            running.remove(key);
            closeQuietly(server);
        }
        Path jar;
        try {
            jar = binaries.call();
        } catch (LmsdbException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot resolve the embedded PostgreSQL binaries", e);
        }
        quietZonkyLog();
        server = EmbeddedServer.start(key, jar, port, dir -> {}, serverConfig);
        running.put(key, server);
        EmbeddedServer toStop = server;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(toStop), "lmsdb-embedded-stop"));
        return new Started(server, true);
    }

    /** Whether this run has a server on {@code dataDirectory}. */
    public synchronized boolean isRunning(Path dataDirectory) {
        return running.containsKey(dataDirectory.toAbsolutePath().normalize());
    }

    /** Stops the server on {@code dataDirectory}; false when this run had none. */
    public synchronized boolean stop(Path dataDirectory) throws IOException {
        EmbeddedServer server = running.remove(dataDirectory.toAbsolutePath().normalize());
        if (server == null) {
            return false;
        }
        server.close();
        return true;
    }

    /**
     * zonky reports every extract, initdb and shutdown at INFO, the last one after Maven's BUILD
     * SUCCESS; the plugin prints its own line instead. Maven's SLF4J logger reads per-logger
     * levels from system properties when a logger is created, so this takes effect unless the
     * user chose a level for it.
     */
    private static void quietZonkyLog() {
        String key = "org.slf4j.simpleLogger.log.io.zonky.test";
        if (System.getProperty(key) == null) {
            System.setProperty(key, "warn");
        }
    }

    private static void closeQuietly(EmbeddedServer server) {
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            // The JVM is exiting; PostgreSQL shuts itself down when its postmaster is stopped.
        }
    }

    /** A running server, and whether this call started it. */
    public record Started(EmbeddedServer server, boolean startedNow) {}
}
