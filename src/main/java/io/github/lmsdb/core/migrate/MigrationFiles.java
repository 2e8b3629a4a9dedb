package io.github.lmsdb.core.migrate;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.io.AtomicFile;
import io.github.lmsdb.core.error.LmsdbException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Names and writes migration files: {@code V<UTC timestamp>__<Name>.sql} and its undo script. */
public final class MigrationFiles {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,99}");
    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private MigrationFiles() {}

    /** The pair a create wrote. */
    public record Created(String version, Path migration, Path undo) {}

    /** Refuses a name that is not letters, digits and underscores starting with a letter, at most 100 characters. */
    public static void checkName(String name) throws LmsdbException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new LmsdbException(
                    "Invalid migration name '" + (name == null ? "" : name) + "': use letters, digits and underscores, "
                            + "starting with a letter, at most 100 characters.",
                    Hint.line("For example: ", Hint.run("create", Hint.set("name", "AddUserAvatar"))));
        }
    }

    /** Writes an empty migration and its undo script, versioned with the UTC time {@code now}. */
    public static Created create(Path directory, String name, Instant now) throws LmsdbException {
        return write(directory, name, now, null, null);
    }

    /**
     * Writes a migration and its undo script with the given contents (null: the empty templates),
     * versioned with the UTC time {@code now}.
     */
    public static Created write(Path directory, String name, Instant now, String upSql, String undoSql) throws LmsdbException {
        checkName(name);
        String version = VERSION.format(now);
        MigrationService.ensureDirectory(directory);
        refuseClash(directory, version);
        String base = version + "__" + name + ".sql";
        Path migration = directory.resolve("V" + base);
        Path undo = directory.resolve("U" + base);
        write(migration, upSql != null ? upSql : "-- Migration " + version + " " + name + "\n"
                + "-- Write the change here. lmsdb:migrate runs this file in one transaction; a statement that cannot run\n"
                + "-- in a transaction (CREATE INDEX CONCURRENTLY) belongs in a migration of its own.\n\n");
        write(undo, undoSql != null ? undoSql : "-- Undo of V" + base + "\n"
                + "-- Reverse every change that migration makes, in reverse order: drop what it creates, restore what it\n"
                + "-- alters or drops. lmsdb:rollback runs this file and removes the migration from the history in one transaction.\n\n");
        return new Created(version, migration, undo);
    }

    private static void refuseClash(Path directory, String version) throws LmsdbException {
        try (Stream<Path> files = Files.list(directory)) {
            Path clash = files.filter(f -> {
                String n = f.getFileName().toString();
                return (n.startsWith("V") || n.startsWith("U")) && n.startsWith(version + "__", 1);
            }).findFirst().orElse(null);
            if (clash != null) {
                throw new LmsdbException(
                        "Version " + version + " is already used by " + clash.getFileName() + ".",
                        "  Versions are the creation second in UTC: wait a second and run the create again.");
            }
        } catch (IOException e) {
            throw new LmsdbException("Cannot list " + directory + ": " + e.getMessage(), Hint.line("Check ", Hint.param("migrationsDirectory"), "."), e);
        }
    }

    /** Under a temporary name, then renamed: a crash never leaves a half-written migration. */
    private static void write(Path target, String content) throws LmsdbException {
        try {
            AtomicFile.write(target, content);
        } catch (IOException e) {
            throw new LmsdbException("Cannot write " + target + ": " + e.getMessage(), "  Check the permissions of " + target.getParent() + ".", e);
        }
    }
}
