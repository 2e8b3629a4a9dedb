package io.github.lmsdb.core.report;

import io.github.lmsdb.core.catalog.SqlNames;
import io.github.lmsdb.core.drift.DriftReport;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.json.Json;
import io.github.lmsdb.core.schema.Change;
import io.github.lmsdb.core.schema.Hazard;
import io.github.lmsdb.core.schema.NotCompared;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link DriftReport} into a change list from the database's point of view ({@code + index
 * idx_users_last_login on users (not in the migrations)}), one status line, or one JSON document.
 */
public final class DriftRenderer {
    private DriftRenderer() {}

    public static List<String> text(DriftReport r, Path base, Style style, Hint.Words words) {
        List<String> lines = new ArrayList<>();
        List<Change> shown = r.shown();
        String against = "the migrations " + (r.appliedVersion() == null ? "(none applied)" : "up to " + r.appliedVersion())
                + ", " + r.replayed() + " replayed in a shadow database on " + r.shadowServer();
        if (shown.isEmpty()) {
            lines.add(style.good("No drift in " + r.database()) + ": it matches " + against + (r.notCompared().isEmpty() ? "." : ", in what is compared."));
        } else {
            lines.add(style.bad("Drift in " + r.database() + " (" + shown.size() + (shown.size() == 1 ? " difference" : " differences") + "):"));
            shown.forEach(c -> lines.add(line(c, r)));
            lines.add("Compared with " + against + ".");
        }
        r.notCompared().forEach(n -> lines.add(n.describe()));
        if (r.adopted() != null) {
            lines.add("Adopted into a migration (" + io.github.lmsdb.core.schema.SchemaDiff.summary(r.differences()) + "):");
            lines.add("File: " + relative(base, r.adopted().migration()));
            lines.add("Undo: " + relative(base, r.adopted().undo()));
            List<Hazard> hazards = r.differences().stream().flatMap(c -> c.hazards().stream()).toList();
            hazards.forEach(h -> lines.add("- " + h.describe()));
            lines.add("Other databases get these changes with their next migrate. " + r.database() + " already has them: once the files"
                    + " are committed, record the migration there as applied without running it:");
            lines.add("  " + Hint.plain(Hint.run("migrate", Hint.set("markApplied", r.adopted().version()))).render(words));
        } else if (!shown.isEmpty()) {
            lines.add(Hint.plain("To turn the drift into a migration: ", Hint.run("drift", Hint.set("name", "AdoptHotfix"))).render(words));
        }
        return lines;
    }

    /** The line a status report shows. */
    public static String statusLine(DriftReport r, Style style, Hint.Words words) {
        if (!r.hasDrift()) {
            return "Drift: " + style.good("none") + " (compared with the migrations " + (r.appliedVersion() == null ? "(none applied)" : "up to " + r.appliedVersion()) + ")";
        }
        return "Drift: " + style.warn(r.shown().size() + " difference(s) from the migrations") + " ("
                + Hint.plain("list them with ", Hint.run("drift")).render(words) + ")";
    }

    /** {@code + index idx_users_last_login on users (not in the migrations)}, from the generate wording of the change. */
    static String line(Change c, DriftReport r) {
        String d = c.description();
        int colon = d.indexOf(": ");
        String head = colon < 0 ? d : d.substring(0, colon);
        String rest = colon < 0 ? "" : d.substring(colon + 2);
        String kind = head.contains(" ") ? head.substring(head.indexOf(' ') + 1).toLowerCase(Locale.ROOT) : head.toLowerCase(Locale.ROOT);
        String on = c.table() != null && (kind.equals("index") || kind.equals("constraint")) && !rest.contains(".")
                ? " on " + SqlNames.display(c.table(), r.schema()) : "";
        if (head.startsWith("New ")) {
            return "+ " + kind + " " + rest + on + " (not in the migrations)";
        }
        if (head.startsWith("Dropped ")) {
            return "- " + kind + " " + rest + on + " (made by the migrations, missing in " + r.database() + ")";
        }
        if (head.startsWith("Changed ")) {
            return "~ " + kind + " " + rest + on + " (the migrations make it differently)";
        }
        return "~ " + d;
    }

    private static String relative(Path base, Path file) {
        try {
            return base == null ? file.toString() : base.relativize(file).toString();
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }

    public static String json(DriftReport r) {
        return Json.write(document(r));
    }

    /** The document, also nested in the status document. */
    public static Map<String, Object> document(DriftReport r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("database", r.database());
        doc.put("drift", r.hasDrift());
        doc.put("appliedVersion", r.appliedVersion());
        doc.put("replayed", r.replayed());
        doc.put("shadowServer", r.shadowServer());
        List<Object> differences = Json.list();
        for (Change c : r.shown()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("line", line(c, r));
            item.put("description", c.description());
            item.put("kind", c.counter());
            item.put("table", c.table() == null ? null : SqlNames.display(c.table(), r.schema()));
            item.put("statements", new ArrayList<Object>(c.statements()));
            item.put("hazards", c.hazards().stream().map(h -> (Object) h.describe()).toList());
            differences.add(item);
        }
        doc.put("differenceCount", r.shown().size());
        doc.put("differences", differences);
        doc.put("notCompared", r.notCompared().stream().map(NotCompared::describe).map(s -> (Object) s).toList());
        if (r.adopted() != null) {
            Map<String, Object> adopted = new LinkedHashMap<>();
            adopted.put("version", r.adopted().version());
            adopted.put("migration", r.adopted().migration().toString());
            adopted.put("undo", r.adopted().undo().toString());
            doc.put("adopted", adopted);
        } else {
            doc.put("adopted", null);
        }
        return doc;
    }
}
