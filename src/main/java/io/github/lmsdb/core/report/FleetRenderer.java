package io.github.lmsdb.core.report;

import io.github.lmsdb.core.io.ByteSize;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.fleet.FleetBackupReport;
import io.github.lmsdb.core.fleet.FleetDriftReport;
import io.github.lmsdb.core.fleet.FleetMigrateReport;
import io.github.lmsdb.core.fleet.FleetStatusReport;
import io.github.lmsdb.core.fleet.TargetOutcome;
import io.github.lmsdb.core.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A fleet migrate's summary table, a fleet status, drift and backup, as text or one JSON document a pipeline can archive. */
public final class FleetRenderer {
    private FleetRenderer() {}

    // ---------------------------------------------------------------- migrate

    public static List<String> migrateText(FleetMigrateReport r, Style style) {
        List<String> lines = new ArrayList<>();
        lines.add(style.strong("Fleet migrate: " + r.targets().size() + " target(s), parallel " + r.parallel()
                + (r.canaries().isEmpty() ? "" : ", canary " + String.join(", ", r.canaries()))));
        int width = Math.max(6, r.targets().stream().mapToInt(t -> t.target().length()).max().orElse(6));
        int v = Math.max(6, r.targets().stream().mapToInt(t -> Math.max(version(t.before()).length(), version(t.after()).length())).max().orElse(6));
        lines.add(String.format("  %-" + width + "s  %-17s  %-" + v + "s  %-" + v + "s  %7s  %8s", "TARGET", "RESULT", "BEFORE", "AFTER", "APPLIED", "TIME"));
        for (TargetOutcome o : r.targets()) {
            String state = String.format("%-17s", o.state().label());
            state = switch (o.state()) {
                case DONE, UP_TO_DATE -> style.good(state);
                case FAILED, PREFLIGHT_FAILED -> style.bad(state);
                case NOT_STARTED -> style.warn(state);
            };
            lines.add(String.format("  %-" + width + "s  %s  %-" + v + "s  %-" + v + "s  %7d  %8s", o.target(), state, version(o.before()), version(o.after()),
                    o.applied().size(), o.took().isZero() ? "" : seconds(o.took())));
            if (o.error() != null) {
                lines.add("      " + o.error());
            }
        }
        lines.add(String.format("Total: %d done, %d up to date, %d failed, %d not started in %s%s", r.count(TargetOutcome.State.DONE),
                r.count(TargetOutcome.State.UP_TO_DATE), r.count(TargetOutcome.State.FAILED) + r.count(TargetOutcome.State.PREFLIGHT_FAILED),
                r.count(TargetOutcome.State.NOT_STARTED), seconds(r.total()), r.halted() == null ? "" : " (" + r.halted() + ")"));
        return lines;
    }

    public static String migrateJson(FleetMigrateReport r, Hint.Words words) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("goal", "migrate");
        doc.put("parallel", r.parallel());
        doc.put("canaries", new ArrayList<Object>(r.canaries()));
        doc.put("preflightFailed", r.preflightFailed());
        doc.put("halted", r.halted());
        doc.put("totalMillis", r.total().toMillis());
        Map<String, Object> counts = new LinkedHashMap<>();
        for (TargetOutcome.State s : TargetOutcome.State.values()) {
            counts.put(camel(s.name()), r.count(s));
        }
        doc.put("counts", counts);
        List<Object> targets = Json.list();
        for (TargetOutcome o : r.targets()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("target", o.target());
            t.put("state", o.state().label());
            t.put("before", o.before());
            t.put("after", o.after());
            t.put("applied", new ArrayList<Object>(o.applied()));
            t.put("millis", o.took().toMillis());
            t.put("error", o.error());
            t.put("fix", o.fix().isEmpty() ? null : o.fix().render(words).strip());
            targets.add(t);
        }
        doc.put("targets", targets);
        return Json.write(doc);
    }

    /** With the adapter-free words (tests). */
    public static String migrateJson(FleetMigrateReport r) {
        return migrateJson(r, Hint.Words.NEUTRAL);
    }

    // ---------------------------------------------------------------- status

    public static List<String> statusText(FleetStatusReport r, Style style) {
        List<String> lines = new ArrayList<>();
        lines.add(style.strong("Fleet status: " + r.targets().size() + " targets"));
        int width = Math.max(6, r.targets().stream().mapToInt(t -> t.target().length()).max().orElse(6));
        boolean drift = r.targets().stream().anyMatch(l -> l.drift() != null);
        int v = Math.max(7, r.targets().stream().mapToInt(l -> version(l.version()).length()).max().orElse(7));
        lines.add(String.format("  %-" + width + "s  %-" + v + "s  %7s  %s%10s  %s", "TARGET", "VERSION", "PENDING", drift ? "  DRIFT" : "", "SIZE", "STAMP"));
        for (FleetStatusReport.Line l : r.targets()) {
            if (l.error() != null) {
                lines.add(String.format("  %-" + width + "s  %s", l.target(), style.bad("unreadable: " + l.error())));
                continue;
            }
            String pending = String.format("%7d", l.pending().size());
            lines.add(String.format("  %-" + width + "s  %-" + v + "s  %s  %s%10s  %s", l.target(), version(l.version()),
                    l.pending().isEmpty() ? pending : style.warn(pending),
                    drift ? String.format("%5s", l.drift() == null ? "" : l.drift() == 0 ? "none" : style.bad(Integer.toString(l.drift()))) + "  " : "",
                    ByteSize.format(l.sizeBytes()), l.stamp() == null ? "" : l.stamp()));
        }
        lines.add("Totals: " + r.targets().size() + " targets, " + r.withPending() + " with pending (" + r.pendingTotal() + " migrations), "
                + r.unreachable() + " unreachable" + (drift ? ", " + r.drifted() + " drifted" : "") + ", " + ByteSize.format(r.sizeBytes()));
        return lines;
    }

    public static String statusJson(FleetStatusReport r, String confirmation, Hint.Words words) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("goal", "status");
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("targets", r.targets().size());
        totals.put("withPending", r.withPending());
        totals.put("pendingTotal", r.pendingTotal());
        totals.put("unreachable", r.unreachable());
        totals.put("drifted", r.drifted());
        totals.put("sizeBytes", r.sizeBytes());
        doc.put("totals", totals);
        doc.put("productionConfirmation", confirmation);
        List<Object> targets = Json.list();
        for (FleetStatusReport.Line l : r.targets()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("target", l.target());
            t.put("version", l.version());
            t.put("applied", l.applied());
            t.put("pending", new ArrayList<Object>(l.pending()));
            t.put("drift", l.drift());
            t.put("sizeBytes", l.sizeBytes());
            t.put("stamp", l.stamp());
            t.put("error", l.error());
            t.put("fix", l.fix().isEmpty() ? null : l.fix().render(words).strip());
            targets.add(t);
        }
        doc.put("targets", targets);
        return Json.write(doc);
    }

    public static String statusJson(FleetStatusReport r) {
        return statusJson(r, null, Hint.Words.NEUTRAL);
    }

    // ---------------------------------------------------------------- drift

    public static List<String> driftText(FleetDriftReport r, Style style) {
        List<String> lines = new ArrayList<>();
        lines.add(style.strong("Fleet drift: " + r.targets().size() + " targets"));
        int width = Math.max(6, r.targets().stream().mapToInt(t -> t.target().length()).max().orElse(6));
        for (FleetDriftReport.Line l : r.targets()) {
            String state = l.error() != null ? style.bad("not checked: " + l.error())
                    : l.differences().isEmpty() ? "none (replayed up to " + version(l.appliedVersion()) + ")"
                    : style.bad(l.differences().size() + " difference(s)");
            lines.add(String.format("  %-" + width + "s  %s", l.target(), state));
            l.differences().forEach(d -> lines.add("      " + d));
        }
        lines.add("Totals: " + r.targets().size() + " targets, " + r.drifted() + " drifted, " + r.unreadable() + " not checked");
        return lines;
    }

    public static String driftJson(FleetDriftReport r, Hint.Words words) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("goal", "drift");
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("targets", r.targets().size());
        totals.put("drifted", r.drifted());
        totals.put("notChecked", r.unreadable());
        doc.put("totals", totals);
        List<Object> targets = Json.list();
        for (FleetDriftReport.Line l : r.targets()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("target", l.target());
            t.put("appliedVersion", l.appliedVersion());
            t.put("drift", l.error() == null ? !l.differences().isEmpty() : null);
            t.put("differences", new ArrayList<Object>(l.differences()));
            t.put("error", l.error());
            t.put("fix", l.fix().isEmpty() ? null : l.fix().render(words).strip());
            targets.add(t);
        }
        doc.put("targets", targets);
        return Json.write(doc);
    }

    // ---------------------------------------------------------------- backup

    public static List<String> backupText(FleetBackupReport r, Style style) {
        List<String> lines = new ArrayList<>();
        lines.add(style.strong("Fleet backup: " + r.targets().size() + " database(s)"));
        int width = Math.max(8, r.targets().stream().mapToInt(t -> t.target().length()).max().orElse(8));
        lines.add(String.format("  %-" + width + "s  %-6s  %10s  %8s  %s", "DATABASE", "STATE", "SIZE", "TIME", "FILE"));
        for (FleetBackupReport.Line l : r.targets()) {
            if (l.error() != null) {
                lines.add(String.format("  %-" + width + "s  %s  %s", l.target(), style.bad("FAILED"), l.error()));
                continue;
            }
            lines.add(String.format("  %-" + width + "s  %-6s  %10s  %8s  %s", l.target(), "done", ByteSize.format(l.sizeBytes()), seconds(l.took()),
                    l.file()));
        }
        lines.add("Totals: " + (r.targets().size() - r.failed()) + " backed up, " + r.failed() + " failed, " + ByteSize.format(r.sizeBytes()));
        return lines;
    }

    public static String backupJson(FleetBackupReport r, Hint.Words words) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("goal", "backup");
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("databases", r.targets().size());
        totals.put("failed", r.failed());
        totals.put("sizeBytes", r.sizeBytes());
        doc.put("totals", totals);
        List<Object> targets = Json.list();
        for (FleetBackupReport.Line l : r.targets()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("target", l.target());
            t.put("state", l.error() == null ? "done" : "failed");
            t.put("file", l.file() == null ? null : l.file().toString());
            t.put("sizeBytes", l.sizeBytes());
            t.put("lastMigration", l.lastMigration());
            t.put("seconds", l.took().toMillis() / 1000.0);
            t.put("error", l.error());
            t.put("fix", l.fix().isEmpty() ? null : l.fix().render(words).strip());
            targets.add(t);
        }
        doc.put("targets", targets);
        return Json.write(doc);
    }

    private static String version(String v) {
        return v == null ? "-" : v;
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static String camel(String constant) {
        String[] parts = constant.toLowerCase(Locale.ROOT).split("_");
        StringBuilder s = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            s.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return s.toString();
    }
}
