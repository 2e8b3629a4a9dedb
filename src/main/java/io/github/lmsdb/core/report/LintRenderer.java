package io.github.lmsdb.core.report;

import io.github.lmsdb.core.json.Json;
import io.github.lmsdb.core.lint.Finding;
import io.github.lmsdb.core.lint.LintReport;
import io.github.lmsdb.core.lint.Rule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lint's report as text, as one JSON document, or as SARIF 2.1.0 for code-scanning pipelines. */
public final class LintRenderer {
    static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private LintRenderer() {}

    public static List<String> text(LintReport report, Style style) {
        List<String> lines = new ArrayList<>();
        lines.add("Migration Lint");
        lines.add("==============");
        lines.add("Linted " + report.linted().size() + " migration(s) in " + report.migrationsDirectory());
        report.textOnly().forEach((file, why) -> lines.add("  " + file + ": read from its text only (" + why + ")"));
        for (Finding f : report.findings()) {
            lines.addAll(finding(f, style, ""));
        }
        long errors = report.count(Finding.Severity.ERROR);
        long warnings = report.count(Finding.Severity.WARNING);
        String summary = errors + " error(s), " + warnings + " warning(s)";
        lines.add(errors > 0 ? style.bad(summary) : warnings > 0 ? style.warn(summary) : style.good(summary));
        return lines;
    }

    /**
     * One finding as lint, previews and plans show it: severity, rule and place; what the rule says; the evidence; the safer
     * rewrite; and the id that acknowledges it.
     */
    static List<String> finding(Finding f, Style style, String indent) {
        List<String> lines = new ArrayList<>();
        String head = f.severity().id().toUpperCase(java.util.Locale.ROOT) + " " + f.rule().id() + ": " + location(f);
        lines.add(indent + (f.severity() == Finding.Severity.ERROR ? style.bad(head) : style.warn(head)));
        lines.add(indent + "    " + f.rule().description() + ".");
        lines.add(indent + "    Evidence: " + evidence(f));
        lines.add(indent + "    Safer: " + f.rule().fix());
        lines.add(indent + "    Id: " + f.id());
        return lines;
    }

    /** "V2__IndexQuizzes.sql line 3 (quizzes)". */
    static String location(Finding f) {
        return f.location();
    }

    /** "takes SHARE while the index builds on quizzes (1.2 MB, about 20 k rows), seen on the shadow". */
    static String evidence(Finding f) {
        return f.describeEvidence();
    }

    public static String json(LintReport report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("migrationsDirectory", report.migrationsDirectory().toString());
        doc.put("linted", report.linted());
        doc.put("textOnly", report.textOnly());
        doc.put("errors", report.count(Finding.Severity.ERROR));
        doc.put("warnings", report.count(Finding.Severity.WARNING));
        List<Object> findings = Json.list();
        for (Finding f : report.findings()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", f.id());
            o.put("rule", f.rule().id());
            o.put("severity", f.severity().id());
            o.put("version", f.version());
            o.put("file", f.file());
            o.put("line", f.line());
            o.put("table", f.table());
            o.put("observed", f.observed());
            o.put("evidence", f.evidence());
            o.put("bytes", f.table() == null ? null : f.bytes());
            o.put("estimatedRows", f.table() == null ? null : f.estimatedRows());
            o.put("fix", f.rule().fix());
            findings.add(o);
        }
        doc.put("findings", findings);
        return Json.write(doc);
    }

    /**
     * SARIF 2.1.0: one run of the tool {@code lmsdb} with every rule, one result per finding at its file (relative to
     * {@code base}, the project's folder, when it lies under it) and line.
     */
    public static String sarif(LintReport report, Path base) {
        List<Object> rules = Json.list();
        for (Rule r : Rule.values()) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", r.id());
            rule.put("shortDescription", Map.of("text", r.description()));
            rule.put("help", Map.of("text", "Safer: " + r.fix()));
            rules.add(rule);
        }
        List<Object> results = Json.list();
        for (Finding f : report.findings()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ruleId", f.rule().id());
            result.put("level", f.severity() == Finding.Severity.ERROR ? "error" : "warning");
            result.put("message", Map.of("text", f.rule().description() + ". Evidence: " + evidence(f) + ". Safer: " + f.rule().fix() + "."));
            Map<String, Object> physical = new LinkedHashMap<>();
            physical.put("artifactLocation", Map.of("uri", uri(report.migrationsDirectory().resolve(f.file()), base)));
            physical.put("region", Map.of("startLine", f.line()));
            result.put("locations", List.of(Map.of("physicalLocation", physical)));
            // The id that acknowledges it: stable from run to run, so a code-scanning service can match results.
            result.put("partialFingerprints", Map.of("lmsdbFindingId/v1", f.id()));
            results.add(result);
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "lmsdb");
        driver.put("informationUri", "https://github.com/lmsdb/lmsdb-maven-plugin");
        driver.put("rules", rules);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("results", results);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("$schema", SARIF_SCHEMA);
        doc.put("version", "2.1.0");
        doc.put("runs", List.of(run));
        return Json.write(doc);
    }

    /** Relative with forward slashes when under {@code base}, else an absolute file URI. */
    static String uri(Path file, Path base) {
        Path absolute = file.toAbsolutePath().normalize();
        if (base != null && absolute.startsWith(base.toAbsolutePath().normalize())) {
            return base.toAbsolutePath().normalize().relativize(absolute).toString().replace('\\', '/');
        }
        return absolute.toUri().toString();
    }
}
