package io.github.lmsdb.core.schema;

import io.github.lmsdb.core.catalog.Catalog;
import io.github.lmsdb.core.TestServer;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.migrate.MigrationListener;
import io.github.lmsdb.core.migrate.MigrationService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a declared schema (one file per table) for what a migrations directory builds: a starting
 * point for a project adopting lmsdb:generate. Used once to write the LMS example's db/schema.
 * Run: java -cp ... io.github.lmsdb.core.schema.DeclaredSchemaDump migrationsDir outputDir
 */
public final class DeclaredSchemaDump {
    private DeclaredSchemaDump() {}

    public static void main(String[] args) throws Exception {
        Path migrations = Path.of(args[0]);
        Path out = Path.of(args[1]);
        ConnectionSettings settings = TestServer.newDatabase("dump");
        try (DatabaseGateway gateway = DatabaseGateway.connect(settings)) {
            new MigrationService(gateway, List.of("public"), migrations).migrate(false, false, null, MigrationListener.NONE);
            Catalog built = Catalog.read(gateway.connection(), List.of("public"));
            Catalog empty = Catalog.empty(List.of("public"));
            Map<String, StringBuilder> files = new LinkedHashMap<>();
            for (Change c : SchemaDiff.diff(empty, built, SchemaDiff.Counts.NONE)) {
                String table = c.table() == null ? "types" : c.table().substring(c.table().indexOf('.') + 1);
                StringBuilder sb = files.computeIfAbsent(table, t -> new StringBuilder());
                for (String statement : c.statements()) {
                    sb.append(statement).append(";\n");
                }
            }
            Files.createDirectories(out);
            for (Map.Entry<String, StringBuilder> e : files.entrySet()) {
                Files.writeString(out.resolve(e.getKey() + ".sql"), "-- Declared schema of " + e.getKey() + "\n" + e.getValue());
            }
        }
        System.exit(0);
    }
}
