package io.github.lmsdb.core.backup;

import io.github.lmsdb.core.error.LmsdbException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;
import org.apache.commons.exec.ShutdownHookProcessDestroyer;

/**
 * Runs pg_dump, pg_restore and psql: an argument list (never a shell string), extra environment
 * (where the password goes; never in the arguments), a timeout, stderr kept for the error
 * message, and stdout either kept (small outputs) or discarded (the tools write files themselves).
 */
final class ProcessRunner {
    /** Keep at most this much of a tool's stderr for the error message. */
    private static final int STDERR_LIMIT = 64 * 1024;

    private ProcessRunner() {}

    record Result(int exitCode, String stdout, String stderr) {}

    /**
     * @param environment variables added to this process's environment (PGPASSWORD, ...)
     * @param workingDirectory or null
     * @throws LmsdbException when the tool cannot start, times out, or exits non-zero (with its stderr)
     */
    static Result run(List<String> command, Map<String, String> environment, Path workingDirectory, Duration timeout)
            throws LmsdbException {
        CommandLine line = new CommandLine(command.get(0));
        for (String arg : command.subList(1, command.size())) {
            line.addArgument(arg, false);
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        BoundedStream stderr = new BoundedStream(STDERR_LIMIT);
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(timeout).get();
        DefaultExecutor.Builder<?> builder = DefaultExecutor.builder().setExecuteStreamHandler(new PumpStreamHandler(stdout, stderr));
        if (workingDirectory != null) {
            builder.setWorkingDirectory(workingDirectory);
        }
        DefaultExecutor executor = builder.get();
        executor.setWatchdog(watchdog);
        executor.setExitValues(null);
        executor.setProcessDestroyer(new ShutdownHookProcessDestroyer());
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(environment);
        String tool = Path.of(command.get(0)).getFileName().toString();
        int exit;
        try {
            exit = executor.execute(line, env);
        } catch (ExecuteException e) {
            exit = e.getExitValue();
        } catch (IOException e) {
            throw new LmsdbException("Cannot run " + tool + ": " + e.getMessage(), "  Check that " + command.get(0) + " exists and is executable.", e);
        }
        String err = stderr.text();
        if (watchdog.killedProcess()) {
            throw new LmsdbException(tool + " did not finish within " + timeout.toMinutes() + " min and was stopped.",
                    "  Allow more time with -Dlmsdb.toolTimeout=<minutes>." + (err.isBlank() ? "" : "\n  " + tool + " said: " + err.strip()));
        }
        if (exit != 0) {
            throw new LmsdbException(tool + " failed (exit code " + exit + "): " + (err.isBlank() ? "no message" : err.strip()),
                    "  The command was: " + String.join(" ", command));
        }
        return new Result(exit, stdout.toString(StandardCharsets.UTF_8), err);
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
