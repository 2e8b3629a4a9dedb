package io.github.lmsdb.core.backup;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a backup holds, written beside it as {@code <file>.manifest.json}: where it came from, its
 * checksum, and every application table with its exact row count, counted in the same snapshot
 * pg_dump dumped.
 *
 * @param automatic whether the plugin took it before a change (migrate, rollback, restore, reset),
 *     so that automatic retention may remove it; false for a backup the user asked for, and for a
 *     manifest written before the field existed
 */
public record Manifest(
        String database,
        String serverVersion,
        String pgDumpVersion,
        String lastMigration,
        String environment,
        Instant createdAt,
        String format,
        long sizeBytes,
        String sha256,
        Map<String, Long> tableRows,
        boolean automatic) {

    public Manifest {
        tableRows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tableRows));
    }

    /** A backup the user asked for. */
    public Manifest(String database, String serverVersion, String pgDumpVersion, String lastMigration, String environment,
            Instant createdAt, String format, long sizeBytes, String sha256, Map<String, Long> tableRows) {
        this(database, serverVersion, pgDumpVersion, lastMigration, environment, createdAt, format, sizeBytes, sha256, tableRows, false);
    }

    public static Path pathFor(Path backup) {
        return backup.resolveSibling(backup.getFileName() + ".manifest.json");
    }

    public String toJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("database", database);
        doc.put("serverVersion", serverVersion);
        doc.put("pgDumpVersion", pgDumpVersion);
        doc.put("lastMigration", lastMigration);
        doc.put("environment", environment);
        doc.put("createdAt", createdAt.toString());
        doc.put("format", format);
        doc.put("sizeBytes", sizeBytes);
        doc.put("sha256", sha256);
        List<Object> tables = new ArrayList<>();
        tableRows.forEach((name, rows) -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", name);
            t.put("rows", rows);
            tables.add(t);
        });
        doc.put("tables", tables);
        doc.put("automatic", automatic);
        return Json.write(doc);
    }

    @SuppressWarnings("unchecked")
    public static Manifest read(Path file) throws LmsdbException {
        try {
            Map<String, Object> doc = (Map<String, Object>) Json.parse(Files.readString(file, StandardCharsets.UTF_8));
            Map<String, Long> rows = new LinkedHashMap<>();
            for (Object t : (List<Object>) doc.get("tables")) {
                Map<String, Object> table = (Map<String, Object>) t;
                rows.put((String) table.get("name"), ((Number) table.get("rows")).longValue());
            }
            return new Manifest((String) doc.get("database"), (String) doc.get("serverVersion"), (String) doc.get("pgDumpVersion"),
                    (String) doc.get("lastMigration"), (String) doc.get("environment"), Instant.parse((String) doc.get("createdAt")),
                    (String) doc.get("format"), ((Number) doc.get("sizeBytes")).longValue(), (String) doc.get("sha256"), rows,
                    Boolean.TRUE.equals(doc.get("automatic")));
        } catch (IOException | RuntimeException e) {
            throw new LmsdbException("Cannot read the manifest " + file + ": " + e.getMessage() + ". Nothing was changed.",
                    Hint.line("The manifest is damaged. Restore another backup, or accept this one without its manifest: ",
                            Hint.set("unverified", "true")), e);
        }
    }
}
