package io.github.lmsdb.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The singleton outlives a build in the Maven Daemon's warm JVM: a server an earlier build started
 * is reused only while it still takes connections, and is started again otherwise.
 */
class EmbeddedServersTest {
    @TempDir
    Path temp;

    @Test
    void aServerStoppedBetweenTwoBuildsOfOneJvmIsStartedAgain() throws Exception {
        EmbeddedServers servers = new EmbeddedServers();
        Path data = temp.resolve("pg");
        EmbeddedServers.Started first = servers.obtain(data, () -> null, 0);
        try {
            assertThat(first.startedNow()).isTrue();
            EmbeddedServers.Started again = servers.obtain(data, () -> null, 0);
            assertThat(again.startedNow()).isFalse();
            assertThat(again.server()).isSameAs(first.server());

            first.server().close(); // stopped behind the singleton's back (pg_ctl stop, a reboot of the postmaster)
            assertThat(first.server().accepting()).isFalse();

            EmbeddedServers.Started next = servers.obtain(data, () -> null, 0);
            assertThat(next.startedNow()).isTrue();
            assertThat(next.server().accepting()).isTrue();
        } finally {
            servers.stop(data);
        }
        assertThat(servers.isRunning(data)).isFalse();
    }
}
