package io.github.lmsdb.core.app;

import io.github.lmsdb.core.backup.BackupService;
import io.github.lmsdb.core.backup.Leftovers;
import io.github.lmsdb.core.drift.DriftReport;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.migrate.MigrationEntry;
import java.util.stream.Collectors;
import io.github.lmsdb.core.config.Environment;
import io.github.lmsdb.core.db.ServerInfo;
import io.github.lmsdb.core.db.TableInfo;
import io.github.lmsdb.core.migrate.MigrationLock;
import io.github.lmsdb.core.migrate.MigrationStatus;
import io.github.lmsdb.core.safety.AuditLog;
import io.github.lmsdb.core.safety.AuditRecord;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code lmsdb:status} found: the server, the migrations, the tables.
 *
 * @param hostAndPort where the server is, as configured (or the embedded server's address)
 * @param migrationsDirectoryExists false when the configured directory is absent
 * @param stamp the environment the database is stamped with, or null
 * @param recentChanges the newest audit records, newest first
 * @param leftovers what interrupted runs left (unfinished backups, temporary and aside databases, shadows)
 * @param lockHolder the session holding the migration lock, or null when it is free
 * @param drift the drift check's result when one was asked for, else null
 * @param backups the finished backups of the database in the backup directory, newest first
 */
public record StatusReport(
        ServerInfo server,
        String hostAndPort,
        boolean embedded,
        Environment environment,
        Path migrationsDirectory,
        boolean migrationsDirectoryExists,
        MigrationStatus migrations,
        List<TableInfo> tables,
        AuditLog.Stamp stamp,
        List<AuditRecord> recentChanges,
        List<Leftovers.Leftover> leftovers,
        MigrationLock.Holder lockHolder,
        DriftReport drift,
        List<BackupService.Stored> backups) {

    public StatusReport {
        tables = List.copyOf(tables);
        recentChanges = List.copyOf(recentChanges);
        leftovers = List.copyOf(leftovers);
        backups = List.copyOf(backups);
    }

    /** Without the list of backups. */
    public StatusReport(ServerInfo server, String hostAndPort, boolean embedded, Environment environment, Path migrationsDirectory,
            boolean migrationsDirectoryExists, MigrationStatus migrations, List<TableInfo> tables, AuditLog.Stamp stamp,
            List<AuditRecord> recentChanges, List<Leftovers.Leftover> leftovers, MigrationLock.Holder lockHolder, DriftReport drift) {
        this(server, hostAndPort, embedded, environment, migrationsDirectory, migrationsDirectoryExists, migrations, tables, stamp,
                recentChanges, leftovers, lockHolder, drift, List.of());
    }

    /** The databases a restore kept aside ({@code <db>_before_restore_<time>}). */
    public List<Leftovers.Leftover> asideDatabases() {
        return leftovers.stream().filter(l -> l.kind() == Leftovers.Kind.ASIDE_DATABASE).toList();
    }

    /** What the backups and the aside databases take, in bytes (an aside database of unknown size counts 0). */
    public long backupsAndAsideBytes() {
        return backups.stream().mapToLong(BackupService.Stored::sizeBytes).sum()
                + asideDatabases().stream().mapToLong(l -> Math.max(0, l.sizeBytes())).sum();
    }

    /** Without a drift check. */
    public StatusReport(ServerInfo server, String hostAndPort, boolean embedded, Environment environment, Path migrationsDirectory,
            boolean migrationsDirectoryExists, MigrationStatus migrations, List<TableInfo> tables, AuditLog.Stamp stamp,
            List<AuditRecord> recentChanges, List<Leftovers.Leftover> leftovers, MigrationLock.Holder lockHolder) {
        this(server, hostAndPort, embedded, environment, migrationsDirectory, migrationsDirectoryExists, migrations, tables, stamp,
                recentChanges, leftovers, lockHolder, null);
    }

    /** Without leftovers and with the lock free. */
    public StatusReport(ServerInfo server, String hostAndPort, boolean embedded, Environment environment, Path migrationsDirectory,
            boolean migrationsDirectoryExists, MigrationStatus migrations, List<TableInfo> tables, AuditLog.Stamp stamp,
            List<AuditRecord> recentChanges) {
        this(server, hostAndPort, embedded, environment, migrationsDirectory, migrationsDirectoryExists, migrations, tables, stamp,
                recentChanges, List.of(), null);
    }

    /** For pipelines that must not go on with pending migrations. */
    public void requireNothingPending() throws LmsdbException {
        List<MigrationEntry> pending = migrations.pending();
        if (!pending.isEmpty()) {
            throw new LmsdbException(
                    pending.size() + " pending migration(s): " + pending.stream().map(MigrationEntry::label).collect(Collectors.joining(", ")) + ".",
                    Hint.line("Apply them before this step, or run without ", Hint.set("failOnPending", "true"), "."));
        }
    }
}
