package io.github.lmsdb.core.backup;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs pg_dump, pg_restore and psql: an argument list (never a shell string), a minimal
 * environment (PATH, the locale, and the PG* variables the plugin sets; nothing else of this JVM's
 * environment, where {@code MAVEN_CMD_LINE_ARGS} may hold a password), a timeout, stderr kept for
 * the error message.
 *
 * <p>Children end with the JVM: a shutdown hook stops the child, every exit path (exception,
 * timeout, interrupt) stops it, and on POSIX systems the tool runs under a small {@code sh}
 * watchdog that kills it when its stdin, a pipe only this JVM holds open, closes: so even a
 * {@code kill -9} of the JVM ends the tool. When the JVM feeds the tool's stdin (a restore that
 * hashes the backup while pg_restore reads it), that pipe carries the data, so the watchdog
 * instead polls, once a second, whether the JVM (the shell's parent) is still alive.
 *
 * <p>A tool's stdout can be streamed into a sink (pg_dump writing the backup through the plugin,
 * which hashes it on the way): a sink that fails (a full disk) stops the tool and fails the run;
 * the run returns only when every byte the tool wrote has reached the sink.
 */
final class ProcessRunner {
    /** Keep at most this much of a tool's stderr for the error message. */
    private static final int STDERR_LIMIT = 64 * 1024;

    /**
     * Runs {@code "$@"} in the background with stdin from /dev/null, and a watcher that reads the
     * JVM's pipe (fd 3, a copy of stdin) until end of file, then stops the tool. The shell's own
     * PWD and OLDPWD are unset so the tool sees only the environment given.
     */
    private static final String WATCHDOG = "unset PWD OLDPWD\n"
            + "exec 3<&0\n"
            + "\"$@\" </dev/null 3<&- &\n"
            + "c=$!\n"
            + "(while read -r _ <&3; do :; done; kill -TERM \"$c\" 2>/dev/null; sleep 5; kill -KILL \"$c\" 2>/dev/null) </dev/null >/dev/null 2>&1 &\n"
            + "w=$!\n"
            + "exec 3<&-\n"
            + "trap 'kill -TERM \"$c\" 2>/dev/null; kill \"$w\" 2>/dev/null; exit 143' TERM INT HUP\n"
            + "wait \"$c\"\n"
            + "r=$?\n"
            + "kill \"$w\" 2>/dev/null\n"
            + "exit $r\n";
    /**
     * As {@link #WATCHDOG}, for a tool whose stdin the JVM feeds: the tool reads the shell's stdin,
     * and the watcher polls the JVM's pid ({@code $PPID}, fixed when the shell starts).
     */
    private static final String FEEDING_WATCHDOG = "unset PWD OLDPWD\n"
            + "p=$PPID\n"
            + "exec 3<&0\n"
            + "\"$@\" <&3 3<&- &\n"
            + "c=$!\n"
            + "exec 3<&-\n"
            + "(while kill -0 \"$p\" 2>/dev/null; do sleep 1; done; kill -TERM \"$c\" 2>/dev/null; sleep 5; kill -KILL \"$c\" 2>/dev/null) </dev/null >/dev/null 2>&1 &\n"
            + "w=$!\n"
            + "trap 'kill -TERM \"$c\" 2>/dev/null; kill \"$w\" 2>/dev/null; exit 143' TERM INT HUP\n"
            + "wait \"$c\"\n"
            + "r=$?\n"
            + "kill \"$w\" 2>/dev/null\n"
            + "exit $r\n";
    private static final Path SH = Path.of("/bin/sh");
    /** Bytes moved per read from a tool's stdout: large, so a multi-gigabyte dump costs few system calls. */
    static final int BUFFER = 1 << 20;

    /** Writes a tool's stdin; the runner closes the stream afterwards (end of input). */
    @FunctionalInterface
    interface Feeder {
        void feed(OutputStream toTool) throws IOException;
    }

    /**
     * A tool's stdin that takes the tool stopping reading quietly: the bytes after that are dropped and the feed goes on
     * (reading and hashing the rest of its file), so that the tool's exit code, or the file's damage, names what happened
     * rather than a broken pipe.
     */
    static final class ToolInput extends OutputStream {
        private final OutputStream out;
        private boolean stopped;

        ToolInput(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (!stopped) {
                try {
                    out.write(b, off, len);
                } catch (IOException toolStoppedReading) {
                    stopped = true;
                }
            }
        }

        @Override
        public void flush() {
            if (!stopped) {
                try {
                    out.flush();
                } catch (IOException toolStoppedReading) {
                    stopped = true;
                }
            }
        }
    }

    private ProcessRunner() {}

    record Result(int exitCode, String stdout, String stderr) {}

    /**
     * @param pgEnvironment the PG* variables for the tool (PGPASSWORD, PGAPPNAME, ...); the only
     *     variables it gets besides PATH and the locale
     * @param workingDirectory or null
     * @throws LmsdbException when the tool cannot start, times out, or exits non-zero (with its stderr)
     */
    static Result run(List<String> command, Map<String, String> pgEnvironment, Path workingDirectory, Duration timeout)
            throws LmsdbException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        Result r = run(command, pgEnvironment, workingDirectory, timeout, stdout);
        return new Result(r.exitCode(), stdout.toString(StandardCharsets.UTF_8), r.stderr());
    }

    /** As {@link #run(List, Map, Path, Duration)}, with stdout streamed to {@code stdout} (not kept). */
    static Result run(List<String> command, Map<String, String> pgEnvironment, Path workingDirectory, Duration timeout,
            OutputStream stdout) throws LmsdbException {
        return run(command, pgEnvironment, workingDirectory, timeout, stdout, null);
    }

    /**
     * As {@link #run(List, Map, Path, Duration, OutputStream)}, with the tool's stdin written by
     * {@code stdin} (or, when null, none: the tool reads end of file).
     *
     * @throws LmsdbException also when {@code stdout} fails (with the sink's error) or {@code stdin}
     *     fails for another reason than the tool having stopped reading
     */
    static Result run(List<String> command, Map<String, String> pgEnvironment, Path workingDirectory, Duration timeout,
            OutputStream stdout, Feeder stdin) throws LmsdbException {
        String tool = Path.of(command.get(0)).getFileName().toString();
        if (!Files.isExecutable(Path.of(command.get(0)))) {
            throw new LmsdbException("Cannot run " + tool + ": " + command.get(0) + " does not exist or is not executable.",
                    "  Check that " + command.get(0) + " exists and is executable.");
        }
        List<String> actual = new ArrayList<>();
        if (watchdogAvailable()) {
            actual.addAll(List.of(SH.toString(), "-c", stdin == null ? WATCHDOG : FEEDING_WATCHDOG, "lmsdb-watchdog"));
        }
        actual.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(actual);
        builder.environment().clear();
        builder.environment().putAll(childEnvironment(System.getenv(), pgEnvironment));
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        BoundedStream stderr = new BoundedStream(STDERR_LIMIT);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new LmsdbException("Cannot run " + tool + ": " + e.getMessage(), "  Check that " + command.get(0) + " exists and is executable.", e);
        }
        Thread hook = new Thread(() -> stop(process), "lmsdb-stop-" + tool);
        boolean hooked = addShutdownHook(hook);
        Pump out = new Pump(process.getInputStream(), stdout, tool + "-out", () -> stop(process));
        Pump err = new Pump(process.getErrorStream(), stderr, tool + "-err", () -> {});
        Pump in = stdin == null ? null : Pump.feeding(process.getOutputStream(), stdin, tool + "-in", () -> stop(process));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(process);
                String said = stderr.text();
                throw new LmsdbException(tool + " did not finish within " + timeout.toMinutes() + " min and was stopped.",
                        Hint.line("Allow more time with ", Hint.set("toolTimeout", "<minutes>"), ".")
                                .then(Hint.text(said.isBlank() ? "" : "  " + tool + " said: " + said.strip())));
            }
            // After the exit, what is left in the pipe is at most its capacity: moments to drain.
            out.join(TimeUnit.SECONDS.toMillis(60));
            err.join(TimeUnit.SECONDS.toMillis(10));
            if (in != null) {
                // The feeder may still be hashing what the tool did not read: its result is wanted whole.
                in.join(0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LmsdbException("Interrupted while " + tool + " was running; it was stopped.", "  Run it again.", e);
        } finally {
            if (process.isAlive()) {
                stop(process);
            }
            closeQuietly(process.getOutputStream());
            if (hooked) {
                removeShutdownHook(hook);
            }
        }
        int exit = process.exitValue();
        String said = stderr.text();
        if (out.sinkFailure() != null || out.isAlive()) {
            String why = out.sinkFailure() != null ? out.sinkFailure().getMessage() : "its output was not all written in time";
            throw new LmsdbException("Cannot write " + tool + "'s output: " + why + ".",
                    "  Check free space and permissions where the output goes.", out.sinkFailure());
        }
        if (in != null && in.sinkFailure() != null) {
            // The feeder failed on its own side (reading or checking its input; a tool that stops reading is the feeder's to
            // handle), and the tool was stopped before it saw the end of its input: that failure, not the tool's exit, is the cause.
            throw new LmsdbException("Cannot feed " + tool + ": " + in.sinkFailure().getMessage() + ".",
                    "  Check the input file's permissions.", in.sinkFailure());
        }
        if (exit != 0) {
            throw new LmsdbException(tool + " failed (exit code " + exit + "): " + (said.isBlank() ? "no message" : said.strip()),
                    "  The command was: " + String.join(" ", command));
        }
        return new Result(exit, "", said);
    }

    /**
     * What a child sees: PATH, LANG and LC_* from {@code parent} (and SystemRoot on Windows, without
     * which its networking fails), then {@code pg}: variables whose name starts with PG.
     */
    static Map<String, String> childEnvironment(Map<String, String> parent, Map<String, String> pg) {
        Map<String, String> env = new TreeMap<>();
        parent.forEach((name, value) -> {
            String upper = name.toUpperCase(Locale.ROOT);
            if (upper.equals("PATH") || upper.equals("LANG") || upper.startsWith("LC_") || upper.equals("SYSTEMROOT")) {
                env.put(name, value);
            }
        });
        pg.forEach((name, value) -> {
            if (!name.startsWith("PG")) {
                throw new IllegalArgumentException("Not a PG* variable: " + name);
            }
            env.put(name, value);
        });
        return env;
    }

    /** The watchdog's script, for tests. */
    static String watchdogScript() {
        return WATCHDOG;
    }

    private static boolean watchdogAvailable() {
        return !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") && Files.isExecutable(SH);
    }

    /** Closes the watchdog's pipe (it kills the tool), then ends the tool and the shell directly. */
    private static void stop(Process process) {
        closeQuietly(process.getOutputStream());
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static boolean addShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs, and finds the process ended
        }
    }

    /**
     * Moves bytes from a tool to a sink (or from a feeder to the tool) on its own thread. A failure
     * to read means the tool ended or was stopped (what was read is kept); a failure of the sink is
     * kept, and {@code onSinkFailure} stops the tool, which could otherwise block on a full pipe.
     */
    private static final class Pump {
        private final Thread thread;
        private volatile IOException sinkFailure;

        Pump(InputStream in, OutputStream sink, String name, Runnable onSinkFailure) {
            thread = start(name, () -> {
                byte[] buffer = new byte[BUFFER];
                try (in) {
                    while (true) {
                        int n;
                        try {
                            n = in.read(buffer);
                        } catch (IOException endedOrStopped) {
                            return;
                        }
                        if (n < 0) {
                            return;
                        }
                        try {
                            sink.write(buffer, 0, n);
                        } catch (IOException e) {
                            sinkFailure = e;
                            onSinkFailure.run();
                            return;
                        }
                    }
                } catch (IOException closing) {
                    // nothing to keep
                }
            });
        }

        private Pump(Thread thread) {
            this.thread = thread;
        }

        /**
         * Runs {@code feeder} into the tool's stdin, then closes it. A feeder that fails first stops the tool ({@code stop}),
         * and only then is stdin closed: a tool that took end of input for the end of its script (psql commits its single
         * transaction there) must never run the part that was fed.
         */
        static Pump feeding(OutputStream toTool, Feeder feeder, String name, Runnable stop) {
            Pump[] self = new Pump[1];
            Thread t = new Thread(() -> {
                try {
                    feeder.feed(toTool);
                } catch (IOException | RuntimeException e) {
                    self[0].sinkFailure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                    stop.run();
                } finally {
                    closeQuietly(toTool);
                }
            }, "lmsdb-" + name);
            t.setDaemon(true);
            self[0] = new Pump(t);
            t.start();
            return self[0];
        }

        private static Thread start(String name, Runnable body) {
            Thread t = new Thread(body, "lmsdb-" + name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        void join(long millis) throws InterruptedException {
            thread.join(millis);
        }

        boolean isAlive() {
            return thread.isAlive();
        }

        IOException sinkFailure() {
            return sinkFailure;
        }
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** Keeps the first {@code limit} bytes and counts the rest. */
    private static final class BoundedStream extends OutputStream {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int limit;
        private long dropped;

        BoundedStream(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) {
            if (kept.size() < limit) {
                kept.write(b);
            } else {
                dropped++;
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int room = Math.max(0, Math.min(len, limit - kept.size()));
            kept.write(b, off, room);
            dropped += len - room;
        }

        synchronized String text() {
            String text = kept.toString(StandardCharsets.UTF_8);
            return dropped == 0 ? text : text + "\n(" + dropped + " more bytes of output)";
        }
    }
}
