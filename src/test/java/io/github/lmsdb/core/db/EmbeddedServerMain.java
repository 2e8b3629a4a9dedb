package io.github.lmsdb.core.db;

import java.nio.file.Path;

/** Starts an embedded server on a data directory, says its port, and waits to be killed (the test's build JVM). */
public final class EmbeddedServerMain {
    private EmbeddedServerMain() {}

    public static void main(String[] args) throws Exception {
        EmbeddedServer server = EmbeddedServer.start(Path.of(args[0]), null, 0);
        System.out.println("READY " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
