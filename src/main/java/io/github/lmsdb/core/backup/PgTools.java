package io.github.lmsdb.core.backup;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL client tools a backup or restore runs: pg_dump, pg_restore and psql from one
 * installation whose major version is the server's or newer (an older pg_dump refuses a newer
 * server). Looked for in {@code pgBinDirectory}, then PATH, then the usual install places.
 */
public record PgTools(Path binDirectory, String version, int major) {
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)(\\.\\d+)?");
    private static final String[] TOOLS = {"pg_dump", "pg_restore", "psql"};

    public Path pgDump() {
        return tool("pg_dump");
    }

    public Path pgRestore() {
        return tool("pg_restore");
    }

    public Path psql() {
        return tool("psql");
    }

    private Path tool(String name) {
        Path exe = binDirectory.resolve(name);
        return Files.isExecutable(exe) ? exe : binDirectory.resolve(name + ".exe");
    }

    /** A candidate installation and the version its pg_dump reports. */
    public record Found(Path binDirectory, String version, int major) {}

    /**
     * Finds the tools for a server of major {@code serverMajor}.
     *
     * @param configured the {@code pgBinDirectory} parameter, or null
     * @param pathVariable the {@code PATH} environment variable, or null
     */
    public static PgTools find(Path configured, int serverMajor, String pathVariable) throws LmsdbException {
        List<Found> found = new ArrayList<>();
        for (Path dir : candidates(configured, pathVariable)) {
            version(dir).ifPresent(found::add);
        }
        if (configured != null && found.stream().noneMatch(f -> f.binDirectory().equals(configured))) {
            throw new LmsdbException(
                    "No pg_dump, pg_restore and psql in " + configured + " (pgBinDirectory).",
                    Hint.line("Point ", Hint.param("pgBinDirectory"), " at the bin directory of a PostgreSQL " + serverMajor
                            + " or newer client installation."));
        }
        return choose(found, serverMajor, configured);
    }

    /** Picks the first installation, in search order, that is new enough. */
    static PgTools choose(List<Found> found, int serverMajor, Path configured) throws LmsdbException {
        for (Found f : found) {
            if (f.major() >= serverMajor && (configured == null || f.binDirectory().equals(configured))) {
                return new PgTools(f.binDirectory(), f.version(), f.major());
            }
        }
        String seen = found.isEmpty() ? "none found" : found.stream().map(f -> f.binDirectory() + " (" + f.version() + ")")
                .reduce((a, b) -> a + ", " + b).orElse("");
        return fail(serverMajor, seen);
    }

    private static PgTools fail(int serverMajor, String seen) throws LmsdbException {
        throw new LmsdbException(
                "No pg_dump, pg_restore and psql for PostgreSQL " + serverMajor + " or newer (the server is " + serverMajor
                        + "). Found: " + seen + ".",
                Hint.line("Install the client tools: sudo apt-get install postgresql-client-" + serverMajor
                        + " | sudo dnf install postgresql" + serverMajor + " | brew install postgresql@" + serverMajor)
                        .then("Or point to them: ", Hint.set("pgBinDirectory", "/usr/lib/postgresql/" + serverMajor + "/bin")));
    }

    static Set<Path> candidates(Path configured, String pathVariable) {
        Set<Path> dirs = new LinkedHashSet<>();
        if (configured != null) {
            dirs.add(configured);
            return dirs;
        }
        if (pathVariable != null) {
            for (String entry : pathVariable.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    dirs.add(Path.of(entry));
                }
            }
        }
        dirs.addAll(globbed(Path.of("/usr/lib/postgresql"), "*", "bin"));
        dirs.addAll(globbed(Path.of("/usr"), "pgsql-*", "bin"));
        dirs.addAll(globbed(Path.of("/opt/homebrew/opt"), "postgresql@*", "bin"));
        dirs.addAll(globbed(Path.of("/usr/local/opt"), "postgresql@*", "bin"));
        dirs.add(Path.of("/Applications/Postgres.app/Contents/Versions/latest/bin"));
        return dirs;
    }

    /** {@code base/<glob>/<sub>}, newest version first. */
    private static List<Path> globbed(Path base, String glob, String sub) {
        List<Path> result = new ArrayList<>();
        if (!Files.isDirectory(base)) {
            return result;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(base, glob)) {
            for (Path p : stream) {
                result.add(p.resolve(sub));
            }
        } catch (IOException e) {
            return result;
        }
        result.sort((a, b) -> Integer.compare(majorOf(b.getParent().getFileName().toString()), majorOf(a.getParent().getFileName().toString())));
        return result;
    }

    private static int majorOf(String name) {
        Matcher m = Pattern.compile("(\\d+)").matcher(name);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The version of the installation in {@code dir}, when it has all three tools. */
    static Optional<Found> version(Path dir) {
        for (String tool : TOOLS) {
            if (!Files.isExecutable(dir.resolve(tool)) && !Files.isExecutable(dir.resolve(tool + ".exe"))) {
                return Optional.empty();
            }
        }
        try {
            ProcessRunner.Result result = ProcessRunner.run(
                    List.of(new PgTools(dir, "", 0).pgDump().toString(), "--version"), java.util.Map.of(), null, Duration.ofSeconds(20));
            return parseVersion(result.stdout()).map(v -> new Found(dir, v, Integer.parseInt(v.split("\\.")[0])));
        } catch (LmsdbException e) {
            return Optional.empty();
        }
    }

    /** {@code pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)} gives {@code 15.18}. */
    static Optional<String> parseVersion(String output) {
        Matcher m = VERSION.matcher(output == null ? "" : output);
        return m.find() ? Optional.of(m.group(1) + (m.group(2) == null ? "" : m.group(2))) : Optional.empty();
    }
}
