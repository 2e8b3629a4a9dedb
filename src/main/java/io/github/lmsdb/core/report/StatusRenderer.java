package io.github.lmsdb.core.report;

import io.github.lmsdb.core.io.ByteSize;
import io.github.lmsdb.core.backup.BackupService;
import io.github.lmsdb.core.backup.Leftovers;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.app.StatusReport;
import io.github.lmsdb.core.json.Json;
import io.github.lmsdb.core.db.TableInfo;
import io.github.lmsdb.core.migrate.MigrationEntry;
import io.github.lmsdb.core.migrate.MigrationLock;
import io.github.lmsdb.core.migrate.MigrationStatus;
import io.github.lmsdb.core.safety.AuditRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a {@link StatusReport} into the text report or one JSON document. */
public final class StatusRenderer {
    private static final java.time.format.DateTimeFormatter AUDIT_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC);

    private StatusRenderer() {}

    public static List<String> text(StatusReport report, Style style, Hint.Words words) {
        List<String> lines = new ArrayList<>();
        lines.add(style.strong("Database Status Report"));
        lines.add("======================");
        lines.add("Connection: " + style.good("Connected to PostgreSQL " + report.server().version()));
        lines.add("Database: " + report.server().database());
        lines.add("Host: " + report.hostAndPort() + (report.embedded() ? " (embedded)" : ""));
        lines.add("User: " + report.server().user());
        lines.add("Environment: " + report.environment().id()
                + (report.stamp() == null ? "" : " (database stamped " + report.stamp().environment() + " by lmsdb:" + report.stamp().goal() + ")"));
        lines.add("");

        MigrationStatus m = report.migrations();
        lines.add(style.strong("Migrations Status:"));
        if (!report.migrationsDirectoryExists()) {
            lines.add(style.bullet(Style.Kind.WARN) + " " + style.warn("Migrations directory not found: " + report.migrationsDirectory()));
        }
        lines.add("- Total migrations: " + m.total());
        lines.add("- Executed: " + m.applied().size());
        String pending = "- Pending: " + m.pending().size();
        lines.add(m.pending().isEmpty() ? pending : style.warn(pending));
        lines.add("- Last migration: " + m.last().map(MigrationEntry::label).orElse("none"));
        section(lines, style, "Pending:", m.pending(), Style.Kind.WARN, "");
        section(lines, style, "Failed:", m.failed(), Style.Kind.BAD,
                Hint.plain(" (failed: revert it with ", Hint.run("rollback"), ", fix it, migrate again)").render(words));
        for (MigrationEntry failed : m.failed()) {
            // The error itself is in the audit record of the migrate that failed.
            report.recentChanges().stream()
                    .filter(r -> "failure".equals(r.outcome()) && r.message() != null && r.message().contains("Migration " + failed.label() + " failed"))
                    .findFirst()
                    .ifPresent(r -> lines.add("  " + failed.version() + " error: " + r.message()));
        }
        section(lines, style, "Applied but missing their file:", m.missing(), Style.Kind.BAD, " (file not found in " + report.migrationsDirectory() + ")");
        section(lines, style, "Not applied, older than the last applied (ignored):", m.ignored(), Style.Kind.WARN, "");
        lines.add("");

        lines.add(style.strong("Tables: " + report.tables().size()));
        for (TableInfo table : report.tables()) {
            lines.add("- " + table.displayName());
        }
        lines.add("");
        lines.add("Database Size: " + ByteSize.format(report.server().databaseSizeBytes()));
        if (report.drift() != null) {
            lines.add(DriftRenderer.statusLine(report.drift(), style, words));
        }
        lockHolder(lines, style, report.lockHolder());
        backups(lines, style, report);
        leftovers(lines, style, report.leftovers(), words);
        if (!report.recentChanges().isEmpty()) {
            lines.add("");
            lines.add(style.strong("Recent changes (lmsdb_audit):"));
            for (AuditRecord r : report.recentChanges()) {
                lines.add("- " + AUDIT_TIME.format(r.at()) + " " + r.goal() + " " + r.outcome() + " (" + r.environment() + ", "
                        + r.databaseUser() + " from " + r.osUser() + "@" + r.host() + ") "
                        + (r.versionBefore() == null ? "none" : r.versionBefore()) + " -> " + (r.versionAfter() == null ? "none" : r.versionAfter())
                        + ", " + Durations.format(r.duration()));
            }
        }
        return lines;
    }

    private static void lockHolder(List<String> lines, Style style, MigrationLock.Holder holder) {
        if (holder == null) {
            return;
        }
        String since = holder.since() == null ? "" : " since " + AUDIT_TIME.format(holder.since());
        String run = holder.run().map(r -> r.owner().map(o -> switch (holder.liveness()) {
            case DEAD -> "; its lmsdb run (" + r.goal() + ", " + o.describe() + ") is gone: the next run that needs the lock ends it";
            case ALIVE -> "; its lmsdb run (" + r.goal() + ", " + o.describe() + ") is running";
            case UNKNOWN -> "; an lmsdb run (" + r.goal() + ") on another host (" + o.host() + ")";
        }).orElse("; an lmsdb run (" + r.goal() + ")")).orElse("");
        lines.add("");
        lines.add(style.warn("Migration lock: held by " + holder.describe() + since + run));
    }

    private static void backups(List<String> lines, Style style, StatusReport report) {
        List<Leftovers.Leftover> aside = report.asideDatabases();
        if (report.backups().isEmpty() && aside.isEmpty()) {
            return;
        }
        long automatic = report.backups().stream().filter(BackupService.Stored::automatic).count();
        lines.add("");
        lines.add(style.strong("Backups: " + report.backups().size() + " (" + automatic + " automatic), " + aside.size()
                + " aside database(s), " + ByteSize.format(report.backupsAndAsideBytes()) + " in all"));
        for (BackupService.Stored b : report.backups()) {
            lines.add(style.bullet(Style.Kind.NEUTRAL) + " " + b.file() + " (" + ByteSize.format(b.sizeBytes()) + ", "
                    + (b.automatic() ? "automatic" : "made by hand") + ", " + b.createdAt() + ")");
        }
    }

    private static void leftovers(List<String> lines, Style style, List<Leftovers.Leftover> leftovers, Hint.Words words) {
        if (leftovers.isEmpty()) {
            return;
        }
        lines.add("");
        lines.add(style.strong("Leftovers of interrupted runs: " + leftovers.size()));
        for (Leftovers.Leftover l : leftovers) {
            String where = l.path() != null ? l.path().toString() : l.name();
            String size = l.sizeBytes() >= 0 ? " (" + ByteSize.format(l.sizeBytes()) + ")" : "";
            Hint removedBy = l.runDead() && l.kind().removedBy() != null
                    ? Hint.plain("; the next ", Hint.run(l.kind().removedBy()), " removes it") : Hint.plain("");
            lines.add(style.bullet(l.runDead() ? Style.Kind.WARN : Style.Kind.NEUTRAL) + " " + l.kind().label() + " " + where + size + ": "
                    + l.state() + removedBy.render(words));
            lines.add("    remove with: " + l.removeCommand());
        }
    }

    private static void section(List<String> lines, Style style, String title, List<MigrationEntry> entries, Style.Kind kind, String suffix) {
        if (entries.isEmpty()) {
            return;
        }
        lines.add(title);
        for (MigrationEntry entry : entries) {
            String text = entry.label() + suffix;
            lines.add(style.bullet(kind) + " " + (kind == Style.Kind.BAD ? style.bad(text) : text));
        }
    }

    public static String json(StatusReport report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("connected", true);
        doc.put("serverVersion", report.server().version());
        doc.put("database", report.server().database());
        doc.put("host", report.hostAndPort());
        doc.put("embedded", report.embedded());
        doc.put("user", report.server().user());
        doc.put("environment", report.environment().id());

        MigrationStatus m = report.migrations();
        Map<String, Object> migrations = new LinkedHashMap<>();
        migrations.put("directory", report.migrationsDirectory().toString());
        migrations.put("total", m.total());
        migrations.put("executed", m.applied().size());
        migrations.put("pending", m.pending().size());
        migrations.put("last", m.last().map(StatusRenderer::entry).orElse(null));
        migrations.put("pendingMigrations", m.pending().stream().map(StatusRenderer::entry).toList());
        migrations.put("failedMigrations", m.failed().stream().map(StatusRenderer::entry).toList());
        migrations.put("missingMigrations", m.missing().stream().map(StatusRenderer::entry).toList());
        migrations.put("ignoredMigrations", m.ignored().stream().map(StatusRenderer::entry).toList());
        doc.put("migrations", migrations);

        List<Object> tables = Json.list();
        for (TableInfo t : report.tables()) {
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("schema", t.schema());
            table.put("name", t.name());
            table.put("estimatedRows", t.estimatedRows());
            tables.add(table);
        }
        doc.put("tableCount", report.tables().size());
        doc.put("tables", tables);
        doc.put("databaseSizeBytes", report.server().databaseSizeBytes());
        doc.put("databaseSize", ByteSize.format(report.server().databaseSizeBytes()));
        doc.put("stampedEnvironment", report.stamp() == null ? null : report.stamp().environment());
        List<Object> changes = Json.list();
        for (AuditRecord r : report.recentChanges()) {
            changes.add(Json.parse(r.toJson()));
        }
        doc.put("recentChanges", changes);
        MigrationLock.Holder holder = report.lockHolder();
        Map<String, Object> lock = new LinkedHashMap<>();
        lock.put("held", holder != null);
        if (holder != null) {
            lock.put("serverPid", holder.serverPid());
            lock.put("applicationName", holder.applicationName());
            lock.put("state", holder.state());
            lock.put("since", holder.since() == null ? null : holder.since().toString());
            lock.put("goal", holder.run().map(r -> r.goal()).orElse(null));
            lock.put("pid", holder.run().flatMap(r -> r.owner()).map(o -> o.pid()).orElse(null));
            lock.put("host", holder.run().flatMap(r -> r.owner()).map(o -> o.host()).orElse(null));
            lock.put("runAlive", switch (holder.liveness()) {
                case ALIVE -> Boolean.TRUE;
                case DEAD -> Boolean.FALSE;
                case UNKNOWN -> null;
            });
        }
        doc.put("migrationLock", lock);
        List<Object> leftovers = Json.list();
        for (Leftovers.Leftover l : report.leftovers()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("kind", l.kind().name().toLowerCase(java.util.Locale.ROOT));
            item.put("name", l.name());
            item.put("path", l.path() == null ? null : l.path().toString());
            item.put("sizeBytes", l.sizeBytes());
            item.put("runDead", l.runDead());
            item.put("pid", l.owner() == null ? null : l.owner().pid());
            item.put("host", l.owner() == null ? null : l.owner().host());
            item.put("state", l.state());
            item.put("removedBy", l.runDead() ? l.kind().removedBy() : null);
            item.put("removeCommand", l.removeCommand());
            leftovers.add(item);
        }
        doc.put("leftovers", leftovers);
        List<Object> backups = Json.list();
        for (BackupService.Stored b : report.backups()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("file", b.file().toString());
            item.put("sizeBytes", b.sizeBytes());
            item.put("createdAt", b.createdAt().toString());
            item.put("automatic", b.automatic());
            backups.add(item);
        }
        doc.put("backups", backups);
        doc.put("asideDatabases", report.asideDatabases().stream().map(Leftovers.Leftover::name).toList());
        doc.put("backupsAndAsideBytes", report.backupsAndAsideBytes());
        if (report.drift() != null) {
            doc.put("drift", DriftRenderer.document(report.drift()));
        }
        return Json.write(doc);
    }

    private static Map<String, Object> entry(MigrationEntry e) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("version", e.version());
        map.put("description", e.description());
        map.put("state", e.state().name().toLowerCase(java.util.Locale.ROOT));
        map.put("script", e.script());
        map.put("installedOn", e.installedOn() == null ? null : e.installedOn().toString());
        return map;
    }
}
