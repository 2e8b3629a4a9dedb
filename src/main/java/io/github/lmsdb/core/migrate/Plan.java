package io.github.lmsdb.core.migrate;

import io.github.lmsdb.core.catalog.SchemaChange;
import io.github.lmsdb.core.catalog.SchemaObject;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.io.AtomicFile;
import io.github.lmsdb.core.json.Json;
import io.github.lmsdb.core.lint.Finding;
import io.github.lmsdb.core.lint.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A reviewed change, written before it is applied: what a migrate (or a rollback) will run, the preview of each step, and
 * what identifies the database it was made for. Applying a plan refuses, changing nothing, when the database is no longer
 * the one it describes (see {@link #differences}).
 *
 * @param kind {@code migrate} or {@code rollback}
 * @param database the database's name
 * @param serverVersion the server's version, as PostgreSQL reports it
 * @param lastApplied the newest applied migration's version when the plan was made, or null
 * @param fingerprint the SHA-256 of the managed schemas' catalog (see {@code Catalog#fingerprint})
 * @param made when the plan was made (ISO-8601)
 * @param steps the migrations to apply in order, or to revert newest first
 * @param acknowledged the ids of the lint findings the plan's author acknowledged (see {@link Finding#id()}); in production
 *     they count when the plan is applied, as if given again
 */
public record Plan(String kind, String database, String serverVersion, String lastApplied, String fingerprint, String made, List<Step> steps,
        List<String> acknowledged) {
    public static final String MIGRATE = "migrate";
    public static final String ROLLBACK = "rollback";
    /** 2: previews carry lint findings and the plan its acknowledgements; a plan of format 1 has neither and is refused. */
    private static final int FORMAT = 2;

    public Plan {
        steps = List.copyOf(steps);
        acknowledged = acknowledged == null ? List.of() : List.copyOf(acknowledged);
    }

    public Plan(String kind, String database, String serverVersion, String lastApplied, String fingerprint, String made, List<Step> steps) {
        this(kind, database, serverVersion, lastApplied, fingerprint, made, steps, List.of());
    }

    /** The same plan with these acknowledgements. */
    public Plan acknowledging(java.util.Collection<String> ids) {
        return new Plan(kind, database, serverVersion, lastApplied, fingerprint, made, steps, new ArrayList<>(new java.util.TreeSet<>(ids)));
    }

    /** Every step's lint findings, in step order. */
    public List<Finding> findings() {
        return steps.stream().filter(s -> s.preview() != null).flatMap(s -> s.preview().findings().stream()).toList();
    }

    /**
     * One step.
     *
     * @param checksum for a migration Flyway's checksum (as the history table records it), for a rollback the SHA-256 of
     *     the undo script
     */
    public record Step(String version, String description, String script, String checksum, Preview preview) {
        public String label() {
            return version + " " + description;
        }
    }

    /** A plan as it was used: written for review, shown, or applied. */
    public record Use(Plan plan, Path file, Mode mode) {
        public enum Mode { WRITTEN, SHOWN, APPLIED }
    }

    /**
     * What differs between this plan and the database now (described by {@code now}, made the same way); empty when it may be
     * applied. Each line says what differs.
     */
    public List<String> differences(Plan now) {
        List<String> found = new ArrayList<>();
        if (!Objects.equals(database, now.database)) {
            found.add("the database differs: the plan is for " + database + ", this is " + now.database);
        }
        List<String> planned = steps.stream().map(Step::label).toList();
        List<String> current = now.steps.stream().map(Step::label).toList();
        if (!planned.equals(current)) {
            found.add((kind.equals(ROLLBACK) ? "the migrations to revert differ" : "the pending migrations differ") + ": the plan has "
                    + (planned.isEmpty() ? "none" : String.join(", ", planned)) + "; the database now has "
                    + (current.isEmpty() ? "none" : String.join(", ", current)));
        } else {
            for (int i = 0; i < steps.size(); i++) {
                if (!Objects.equals(steps.get(i).checksum(), now.steps.get(i).checksum())) {
                    found.add("the " + (kind.equals(ROLLBACK) ? "undo script" : "checksum") + " of " + steps.get(i).label()
                            + " differs: the file " + now.steps.get(i).script() + " changed since the plan was made");
                }
            }
        }
        if (!Objects.equals(fingerprint, now.fingerprint)) {
            found.add("the schema's fingerprint differs (" + abbreviate(fingerprint) + " planned, " + abbreviate(now.fingerprint)
                    + " now): the database's schema changed since the plan was made");
        }
        return found;
    }

    /** Refuses, naming each difference and the fix, when the plan no longer describes the database. */
    public void refuseDifferences(Plan now, Path file) throws LmsdbException {
        List<String> found = differences(now);
        if (found.isEmpty()) {
            return;
        }
        throw new LmsdbException("The plan " + file + " no longer matches the database, so it was not applied: "
                + String.join("; ", found) + ". Nothing was changed.",
                Hint.line("Make a new plan and review it: ", Hint.run(kind, Hint.set("planFile", file))));
    }

    public static String abbreviate(String fingerprint) {
        return fingerprint == null ? "none" : fingerprint.substring(0, Math.min(12, fingerprint.length()));
    }

    // ---------------------------------------------------------------- JSON

    /** Writes the plan as JSON, atomically. */
    public void write(Path file) throws LmsdbException {
        try {
            AtomicFile.write(file, Json.write(toJson()) + "\n");
        } catch (IOException e) {
            throw new LmsdbException("Cannot write the plan to " + file + ": " + e.getMessage(),
                    Hint.line("Choose a writable path: ", Hint.set("planFile", "target/plan.json")), e);
        }
    }

    /** Reads a plan written by {@link #write}, refusing a missing or damaged file and a plan of another kind. */
    public static Plan read(Path file, String expectedKind) throws LmsdbException {
        Hint remake = Hint.line("Make one: ", Hint.run(expectedKind, Hint.set("planFile", file)));
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new LmsdbException("Cannot read the plan " + file + ": " + e.getMessage(), remake, e);
        }
        Plan plan;
        try {
            plan = fromJson((Map<?, ?>) Json.parse(text));
        } catch (RuntimeException e) {
            throw new LmsdbException("The plan " + file + " is not a plan lmsdb wrote (" + e.getMessage() + "). Nothing was changed.", remake, e);
        }
        if (!expectedKind.equals(plan.kind())) {
            throw new LmsdbException("The plan " + file + " is a " + plan.kind() + " plan, not a " + expectedKind + " plan. Nothing was changed.",
                    remake);
        }
        return plan;
    }

    Map<String, Object> toJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("lmsdbPlan", FORMAT);
        doc.put("kind", kind);
        doc.put("database", database);
        doc.put("serverVersion", serverVersion);
        doc.put("lastApplied", lastApplied);
        doc.put("fingerprint", fingerprint);
        doc.put("made", made);
        List<Object> list = Json.list();
        for (Step s : steps) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("version", s.version());
            step.put("description", s.description());
            step.put("script", s.script());
            step.put("checksum", s.checksum());
            step.put("preview", preview(s.preview()));
            list.add(step);
        }
        doc.put("steps", list);
        doc.put("acknowledged", new ArrayList<Object>(acknowledged));
        return doc;
    }

    private static Map<String, Object> preview(Preview p) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Object> changes = Json.list();
        for (SchemaChange c : p.changes()) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("action", c.action().name());
            change.put("kind", c.object().kind().name());
            change.put("name", c.object().name());
            change.put("table", c.object().table());
            change.put("definition", c.object().definition());
            change.put("detail", c.detail());
            changes.add(change);
        }
        out.put("changes", changes);
        out.put("dataLoss", new ArrayList<Object>(p.dataLoss()));
        List<Object> effects = Json.list();
        for (Preview.TableEffect e : p.effects()) {
            Map<String, Object> effect = new LinkedHashMap<>();
            effect.put("line", e.line());
            effect.put("table", e.table());
            effect.put("lock", e.lock());
            effect.put("rewrites", e.rewrites());
            effect.put("bytes", e.bytes());
            effect.put("estimatedRows", e.estimatedRows());
            effects.add(effect);
        }
        out.put("effects", effects);
        out.put("problem", p.problem());
        List<Object> findings = Json.list();
        for (Finding f : p.findings()) {
            Map<String, Object> finding = new LinkedHashMap<>();
            finding.put("id", f.id());
            finding.put("rule", f.rule().id());
            finding.put("severity", f.severity().id());
            finding.put("version", f.version());
            finding.put("file", f.file());
            finding.put("line", f.line());
            finding.put("table", f.table());
            finding.put("observed", f.observed());
            finding.put("evidence", f.evidence());
            finding.put("bytes", f.bytes());
            finding.put("estimatedRows", f.estimatedRows());
            findings.add(finding);
        }
        out.put("findings", findings);
        return out;
    }

    static Plan fromJson(Map<?, ?> doc) {
        if (!Long.valueOf(FORMAT).equals(doc.get("lmsdbPlan"))) {
            throw new IllegalArgumentException("unknown plan format " + doc.get("lmsdbPlan"));
        }
        String kind = string(doc, "kind");
        List<Step> steps = new ArrayList<>();
        for (Object o : (List<?>) doc.get("steps")) {
            Map<?, ?> s = (Map<?, ?>) o;
            MigrationEntry entry = new MigrationEntry(string(s, "version"), string(s, "description"),
                    ROLLBACK.equals(kind) ? MigrationEntry.State.APPLIED : MigrationEntry.State.PENDING, string(s, "script"), null);
            steps.add(new Step(entry.version(), entry.description(), entry.script(), string(s, "checksum"),
                    preview(entry, (Map<?, ?>) s.get("preview"))));
        }
        List<String> acknowledged = ((List<?>) doc.get("acknowledged")).stream().map(String::valueOf).toList();
        return new Plan(kind, string(doc, "database"), string(doc, "serverVersion"), string(doc, "lastApplied"), string(doc, "fingerprint"),
                string(doc, "made"), steps, acknowledged);
    }

    private static Preview preview(MigrationEntry entry, Map<?, ?> p) {
        List<SchemaChange> changes = new ArrayList<>();
        for (Object o : (List<?>) p.get("changes")) {
            Map<?, ?> c = (Map<?, ?>) o;
            changes.add(new SchemaChange(SchemaChange.Action.valueOf(string(c, "action")),
                    new SchemaObject(SchemaObject.Kind.valueOf(string(c, "kind")), string(c, "name"), string(c, "table"), string(c, "definition")),
                    string(c, "detail")));
        }
        List<String> loss = ((List<?>) p.get("dataLoss")).stream().map(String::valueOf).toList();
        List<Preview.TableEffect> effects = new ArrayList<>();
        for (Object o : (List<?>) p.get("effects")) {
            Map<?, ?> e = (Map<?, ?>) o;
            effects.add(new Preview.TableEffect(((Number) e.get("line")).intValue(), string(e, "table"), string(e, "lock"),
                    Boolean.TRUE.equals(e.get("rewrites")), ((Number) e.get("bytes")).longValue(), ((Number) e.get("estimatedRows")).longValue()));
        }
        List<Finding> findings = new ArrayList<>();
        for (Object o : (List<?>) p.get("findings")) {
            Map<?, ?> f = (Map<?, ?>) o;
            findings.add(new Finding(Rule.byId(string(f, "rule")), Finding.Severity.valueOf(string(f, "severity").toUpperCase(java.util.Locale.ROOT)),
                    string(f, "version"), string(f, "file"), ((Number) f.get("line")).intValue(), string(f, "table"),
                    Boolean.TRUE.equals(f.get("observed")), string(f, "evidence"), ((Number) f.get("bytes")).longValue(),
                    ((Number) f.get("estimatedRows")).longValue()));
        }
        return new Preview(entry, entry.script(), changes, loss, effects, string(p, "problem"), findings);
    }

    private static String string(Map<?, ?> map, String key) {
        Object value = map.get(key);
        return value == null ? null : value.toString();
    }
}
