package io.github.lmsdb.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a libpq password file ({@code ~/.pgpass}): lines {@code host:port:database:user:password},
 * {@code *} matching anything, {@code \:} and {@code \\} escaping, the first matching line winning.
 */
public final class PgPassFile {
    private final List<String[]> entries;

    private PgPassFile(List<String[]> entries) {
        this.entries = entries;
    }

    /** The file libpq would use: {@code PGPASSFILE}, else {@code ~/.pgpass}. */
    public static Path defaultLocation(String pgPassFileVariable, String userHome) {
        if (pgPassFileVariable != null && !pgPassFileVariable.isBlank()) {
            return Path.of(pgPassFileVariable);
        }
        return Path.of(userHome, ".pgpass");
    }

    /** An empty file when it does not exist or cannot be read, as libpq behaves. */
    public static PgPassFile read(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return new PgPassFile(List.of());
        }
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new PgPassFile(List.of());
        }
    }

    static PgPassFile parse(List<String> lines) {
        List<String[]> parsed = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = split(line);
            if (fields.length == 5 && fields[4] != null) {
                parsed.add(fields);
            }
        }
        return new PgPassFile(parsed);
    }

    /**
     * Splits a line as libpq does: a field that is exactly an unescaped {@code *} is a wildcard
     * (kept as {@code null}), and the password ends at the first unescaped {@code :}.
     */
    private static String[] split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean escaped = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                current.append(line.charAt(++i));
                escaped = true;
            } else if (c == ':') {
                fields.add(!escaped && current.toString().equals("*") ? null : current.toString());
                current.setLength(0);
                escaped = false;
                if (fields.size() == 5) {
                    break;
                }
            } else {
                current.append(c);
            }
        }
        if (fields.size() < 5) {
            fields.add(current.toString());
        }
        return fields.toArray(String[]::new);
    }

    /** The password of the first line matching all four keys. */
    public Optional<String> find(String host, int port, String database, String user) {
        String[] keys = {host, Integer.toString(port), database, user};
        for (String[] entry : entries) {
            boolean matches = true;
            for (int i = 0; i < 4 && matches; i++) {
                matches = entry[i] == null || entry[i].equals(keys[i]);
            }
            if (matches) {
                return Optional.of(entry[4]);
            }
        }
        return Optional.empty();
    }
}
