package io.github.lmsdb.core.report;

import io.github.lmsdb.core.config.Environment;
import io.github.lmsdb.core.db.ServerInfo;
import io.github.lmsdb.core.db.TableInfo;
import io.github.lmsdb.core.migrate.MigrationStatus;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code lmsdb:status} found: the server, the migrations, the tables.
 *
 * @param hostAndPort where the server is, as configured (or the embedded server's address)
 * @param migrationsDirectoryExists false when the configured directory is absent
 */
public record StatusReport(
        ServerInfo server,
        String hostAndPort,
        boolean embedded,
        Environment environment,
        Path migrationsDirectory,
        boolean migrationsDirectoryExists,
        MigrationStatus migrations,
        List<TableInfo> tables) {

    public StatusReport {
        tables = List.copyOf(tables);
    }
}
