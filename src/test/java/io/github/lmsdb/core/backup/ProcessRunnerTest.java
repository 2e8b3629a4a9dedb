package io.github.lmsdb.core.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.error.LmsdbException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The tool runner: a minimal environment, and children that end with the runner. */
@DisabledOnOs(OS.WINDOWS)
class ProcessRunnerTest {
    @TempDir
    Path dir;

    @Test
    void aChildSeesNoVariableBeyondPathLocaleAndThePgOnesTheRunnerSets() throws Exception {
        Map<String, String> pg = Map.of("PGPASSWORD", "s3cret", "PGAPPNAME", "lmsdb:backup:run1", "PGCONNECT_TIMEOUT", "10");

        String out = ProcessRunner.run(List.of("/usr/bin/env"), pg, null, Duration.ofSeconds(20)).stdout();

        Set<String> names = new TreeSet<>();
        out.lines().filter(l -> l.contains("=")).forEach(l -> names.add(l.substring(0, l.indexOf('='))));
        assertThat(names).allMatch(n -> n.equals("PATH") || n.equals("LANG") || n.startsWith("LC_")
                || n.equals("PGPASSWORD") || n.equals("PGAPPNAME") || n.equals("PGCONNECT_TIMEOUT"), "allowed");
        assertThat(names).contains("PGPASSWORD", "PGAPPNAME");
        assertThat(out).contains("PGAPPNAME=lmsdb:backup:run1");
        // this JVM has variables (HOME at least) that the child must not get
        assertThat(System.getenv().keySet()).anyMatch(n -> !names.contains(n));
    }

    @Test
    void theChildEnvironmentDropsMavenArgumentsThatMayHoldAPassword() {
        Map<String, String> parent = new HashMap<>();
        parent.put("PATH", "/usr/bin");
        parent.put("LANG", "C.UTF-8");
        parent.put("LC_ALL", "C");
        parent.put("HOME", "/home/me");
        parent.put("MAVEN_CMD_LINE_ARGS", "lmsdb:backup -Dlmsdb.password=hunter2");
        parent.put("PGPASSFILE", "/home/me/.pgpass");
        parent.put("PGHOST", "elsewhere");

        Map<String, String> child = ProcessRunner.childEnvironment(parent, Map.of("PGAPPNAME", "lmsdb:restore:x"));

        assertThat(child).containsOnlyKeys("PATH", "LANG", "LC_ALL", "PGAPPNAME");
        assertThat(child.values()).noneMatch(v -> v.contains("hunter2"));
    }

    @Test
    void aTimedOutChildIsStopped() throws Exception {
        Path pidFile = dir.resolve("pid");

        assertThatThrownBy(() -> ProcessRunner.run(List.of("/bin/sh", "-c", "echo $$ > " + pidFile + "; exec sleep 60"), Map.of(), null,
                Duration.ofSeconds(2)))
                .isInstanceOf(LmsdbException.class)
                .hasMessageContaining("did not finish within");

        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(waitUntilGone(pid)).as("the tool ended").isTrue();
    }

    @Test
    void theWatchdogStopsTheToolWhenItsPipeCloses() throws Exception {
        // What happens when the JVM dies (kill -9): the pipe it held open closes.
        Path pidFile = dir.resolve("pid");
        Process sh = new ProcessBuilder("/bin/sh", "-c", ProcessRunner.watchdogScript(), "lmsdb-watchdog",
                "/bin/sh", "-c", "echo $$ > " + pidFile + "; exec sleep 60").start();
        long pid = waitForPid(pidFile);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

        sh.getOutputStream().close();

        assertThat(waitUntilGone(pid)).as("the tool ended").isTrue();
        assertThat(sh.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    private static long waitForPid(Path pidFile) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (Files.exists(pidFile) && !Files.readString(pidFile).isBlank()) {
                return Long.parseLong(Files.readString(pidFile).strip());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no pid written");
    }

    private static boolean waitUntilGone(long pid) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
