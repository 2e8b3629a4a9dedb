package io.github.lmsdb.core.backup;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** pg_dump's output formats, as the plugin names and recognises them. */
public enum BackupFormat {
    /** Plain SQL ({@code .sql}), restorable with psql. */
    PLAIN("p", ".sql"),
    /** Custom format ({@code .dump}), compressed, restorable in parallel with pg_restore. */
    CUSTOM("c", ".dump"),
    /** Directory format ({@code .dir/}), dumped and restored in parallel. */
    DIRECTORY("d", ".dir");

    private final String flag;
    private final String extension;

    BackupFormat(String flag, String extension) {
        this.flag = flag;
        this.extension = extension;
    }

    /** pg_dump's {@code --format} letter. */
    public String flag() {
        return flag;
    }

    public String extension() {
        return extension;
    }

    /** The {@code backupFormat} parameter when given, else custom with {@code compress}, else plain. */
    public static BackupFormat choose(String backupFormat, boolean compress) throws LmsdbException {
        if (backupFormat != null && !backupFormat.isBlank()) {
            return parse(backupFormat);
        }
        return compress ? CUSTOM : PLAIN;
    }

    public static BackupFormat parse(String value) throws LmsdbException {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "plain", "sql" -> PLAIN;
            case "custom", "dump" -> CUSTOM;
            case "directory", "dir" -> DIRECTORY;
            default -> throw new LmsdbException("Unknown backup format '" + value + "'. Allowed values: plain, custom, directory.",
                    Hint.line("Set it with ", Hint.set("backupFormat", "custom"), " (or ", Hint.set("compress", "true"), " for the custom format)."));
        };
    }

    /** Recognises a backup by its content: a pg_dump SQL header, {@code PGDMP}, or a directory with {@code toc.dat}. */
    public static BackupFormat detect(Path file) throws LmsdbException {
        try {
            if (Files.isDirectory(file)) {
                if (Files.isRegularFile(file.resolve("toc.dat"))) {
                    return DIRECTORY;
                }
            } else {
                byte[] head = new byte[4096];
                int n;
                try (InputStream in = Files.newInputStream(file)) {
                    n = in.readNBytes(head, 0, head.length);
                }
                if (n >= 5 && new String(head, 0, 5, StandardCharsets.US_ASCII).equals("PGDMP")) {
                    return CUSTOM;
                }
                String text = new String(head, 0, n, StandardCharsets.UTF_8).replace("\r\n", "\n");
                if (text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                // pg_dump's plain output opens with this comment block.
                if (text.stripLeading().startsWith("--\n-- PostgreSQL database dump")) {
                    return PLAIN;
                }
            }
        } catch (IOException e) {
            throw new LmsdbException("Cannot read " + file + ": " + e.getMessage(), "  Check the file's permissions.", e);
        }
        throw new LmsdbException(
                "Not a backup this plugin can restore: " + file + " is neither pg_dump SQL, a custom-format dump nor a directory dump.",
                Hint.line("Give a file written by ", Hint.run("backup"), " or pg_dump: ", Hint.set("file", "backups/<database>_<date>_<time>.sql")));
    }
}
