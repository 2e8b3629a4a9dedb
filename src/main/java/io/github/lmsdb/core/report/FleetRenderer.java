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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** A fleet migrate's summary table, a fleet status, drift and backup, as text or one JSON document a pipeline can archive. */
public final class FleetRenderer {
    /** As wide as the longest result a migrate table can show ("pre-flight failed"), so that the column stays put from run to run. */
    private static final int RESULT_WIDTH = Arrays.stream(TargetOutcome.State.values()).mapToInt(s -> s.label().length()).max().orElseThrow();

    private FleetRenderer() {}

    // ---------------------------------------------------------------- migrate

    public static List<String> migrateText(FleetMigrateReport r, Style style) {
        List<String> lines = new ArrayList<>();
        lines.add(style.strong("Fleet migrate: " + r.targets().size() + " target(s), parallel " + r.parallel()
                + (r.canaries().isEmpty() ? "" : ", canary " + String.join(", ", r.canaries()))));
        Layout layout = Layout.of("TARGET", r.targets().stream().map(TargetOutcome::target),
                "BEFORE", r.targets().stream().flatMap(t -> Stream.of(t.before(), t.after())));
        lines.add(layout.line("TARGET", migrateColumns(layout, Layout.left("RESULT", RESULT_WIDTH), "BEFORE", "AFTER", "APPLIED", "TIME")));
        for (TargetOutcome o : r.targets()) {
            String state = Layout.left(o.state().label(), RESULT_WIDTH);
            state = switch (o.state()) {
                case DONE, UP_TO_DATE -> style.good(state);
                case FAILED, PREFLIGHT_FAILED -> style.bad(state);
                case NOT_STARTED -> style.warn(state);
            };
            lines.add(layout.line(o.target(), migrateColumns(layout, state, o.before(), o.after(), Integer.toString(o.applied().size()),
                    o.took().isZero() ? "" : seconds(o.took()))));
            if (o.error() != null) {
                lines.add("      " + o.error());
            }
        }
        lines.add(String.format("Total: %d done, %d up to date, %d failed, %d not started in %s%s", r.count(TargetOutcome.State.DONE),
                r.count(TargetOutcome.State.UP_TO_DATE), r.count(TargetOutcome.State.FAILED) + r.count(TargetOutcome.State.PREFLIGHT_FAILED),
                r.count(TargetOutcome.State.NOT_STARTED), seconds(r.total()), r.halted() == null ? "" : " (" + r.halted() + ")"));
        return lines;
    }

    /** The migrate table's columns after the target, the header's and a row's alike: {@code result} comes padded (and styled). */
    private static String migrateColumns(Layout layout, String result, String before, String after, String applied, String time) {
        return result + "  " + layout.version(before) + "  " + layout.version(after) + "  " + Layout.right(applied, 7) + "  " + Layout.right(time, 8);
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
        Layout layout = Layout.of("TARGET", r.targets().stream().map(FleetStatusReport.Line::target),
                "VERSION", r.targets().stream().map(FleetStatusReport.Line::version));
        boolean drift = r.targets().stream().anyMatch(l -> l.drift() != null);
        lines.add(layout.line("TARGET", statusColumns(layout, "VERSION", Layout.right("PENDING", 7), drift ? Layout.right("DRIFT", 5) + "  " : "", "SIZE", "STAMP")));
        for (FleetStatusReport.Line l : r.targets()) {
            if (l.error() != null) {
                lines.add(layout.line(l.target(), style.bad("unreadable: " + l.error())));
                continue;
            }
            String pending = Layout.right(Integer.toString(l.pending().size()), 7);
            lines.add(layout.line(l.target(), statusColumns(layout, l.version(), l.pending().isEmpty() ? pending : style.warn(pending),
                    drift ? driftCell(l.drift(), style) + "  " : "",
                    ByteSize.format(l.sizeBytes()), l.stamp() == null ? "" : l.stamp())));
        }
        lines.add("Totals: " + r.targets().size() + " targets, " + r.withPending() + " with pending (" + r.pendingTotal() + " migrations), "
                + r.unreachable() + " unreachable" + (drift ? ", " + r.drifted() + " drifted" : "") + ", " + ByteSize.format(r.sizeBytes()));
        return lines;
    }

    /** A target's drift count, padded to its column before it is coloured (the colour's escape codes take no width). */
    private static String driftCell(Integer drift, Style style) {
        String cell = Layout.right(drift == null ? "" : drift == 0 ? "none" : Integer.toString(drift), 5);
        return drift == null || drift == 0 ? cell : style.bad(cell);
    }

    /** The status table's columns after the target: {@code pending} and {@code drift} come padded (and styled). */
    private static String statusColumns(Layout layout, String version, String pending, String drift, String size, String stamp) {
        return layout.version(version) + "  " + pending + "  " + drift + Layout.right(size, 10) + "  " + stamp;
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
        Layout layout = Layout.of("TARGET", r.targets().stream().map(FleetDriftReport.Line::target));
        for (FleetDriftReport.Line l : r.targets()) {
            String state = l.error() != null ? style.bad("not checked: " + l.error())
                    : l.differences().isEmpty() ? "none (replayed up to " + version(l.appliedVersion()) + ")"
                    : style.bad(l.differences().size() + " difference(s)");
            lines.add(layout.line(l.target(), state));
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
        Layout layout = Layout.of("DATABASE", r.targets().stream().map(FleetBackupReport.Line::target));
        lines.add(layout.line("DATABASE", backupColumns("STATE", "SIZE", "TIME", "FILE")));
        for (FleetBackupReport.Line l : r.targets()) {
            if (l.error() != null) {
                lines.add(layout.line(l.target(), style.bad("FAILED") + "  " + l.error()));
                continue;
            }
            lines.add(layout.line(l.target(), backupColumns("done", ByteSize.format(l.sizeBytes()), seconds(l.took()), String.valueOf(l.file()))));
        }
        lines.add("Totals: " + (r.targets().size() - r.failed()) + " backed up, " + r.failed() + " failed, " + ByteSize.format(r.sizeBytes()));
        return lines;
    }

    private static String backupColumns(String state, String size, String time, String file) {
        return Layout.left(state, 6) + "  " + Layout.right(size, 10) + "  " + Layout.right(time, 8) + "  " + file;
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

    /**
     * The one layout of the fleet's tables: two spaces, the target column as wide as its longest name or its header, then
     * the other columns two spaces apart; a version column (a migrate's before and after, a status's version) is as wide as
     * its longest version or its header. Cells are padded before they are styled, so that colour codes do not count.
     */
    private record Layout(int target, int version) {
        static Layout of(String targetHeader, Stream<String> targets) {
            return of(targetHeader, targets, "", Stream.empty());
        }

        static Layout of(String targetHeader, Stream<String> targets, String versionHeader, Stream<String> versions) {
            return new Layout(widest(targetHeader, targets), widest(versionHeader, versions.map(FleetRenderer::version)));
        }

        private static int widest(String header, Stream<String> cells) {
            return Math.max(header.length(), cells.mapToInt(String::length).max().orElse(0));
        }

        /** A line of the table: {@code target} in its column, then {@code rest} as given. */
        String line(String target, String rest) {
            return "  " + left(target, this.target) + "  " + rest;
        }

        /** A version in the version column ({@code -} for none). */
        String version(String v) {
            return left(FleetRenderer.version(v), version);
        }

        static String left(String cell, int width) {
            return String.format("%-" + width + "s", cell);
        }

        static String right(String cell, int width) {
            return String.format("%" + width + "s", cell);
        }
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
