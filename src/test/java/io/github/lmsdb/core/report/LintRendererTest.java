package io.github.lmsdb.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lmsdb.core.json.Json;
import io.github.lmsdb.core.lint.Finding;
import io.github.lmsdb.core.lint.LintReport;
import io.github.lmsdb.core.lint.Rule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SARIF 2.1.0's shape, checked by hand against the properties the schema requires (the schema is not available offline):
 * sarifLog {version, runs}, run {tool}, tool {driver}, toolComponent {name}, reportingDescriptor {id}, result {message},
 * message {text}; plus what code scanning reads: ruleId, level, the location's relative uri and startLine.
 */
class LintRendererTest {
    private static final Path BASE = Path.of("/project").toAbsolutePath();
    private static final LintReport REPORT = new LintReport(BASE.resolve("src/main/resources/db/migration"), List.of("V2__Index.sql"),
            List.of(new Finding(Rule.INDEX_NOT_CONCURRENT, Finding.Severity.ERROR, "2", "V2__Index.sql", 3, "quizzes", true,
                    "takes SHARE while the index builds", 2_000_000, 40_000),
                    new Finding(Rule.DROP_COLUMN, Finding.Severity.WARNING, "2", "V2__Index.sql", 5, "quizzes", true, "drops column points", 2_000_000, 40_000)),
            Map.of());

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        assertThat(o).isInstanceOf(List.class);
        return (List<Object>) o;
    }

    @Test
    void sarifHasEveryRequiredPropertyAndLocatesEachFindingAtItsRelativeFileAndLine() {
        Map<String, Object> log = map(Json.parse(LintRenderer.sarif(REPORT, BASE)));

        assertThat(log).containsEntry("version", "2.1.0").containsKey("$schema");
        List<Object> runs = list(log.get("runs"));
        assertThat(runs).hasSize(1);
        Map<String, Object> run = map(runs.get(0));
        Map<String, Object> driver = map(map(run.get("tool")).get("driver"));
        assertThat(driver).containsEntry("name", "lmsdb");
        List<Object> rules = list(driver.get("rules"));
        assertThat(rules).hasSize(Rule.values().length).allSatisfy(r -> {
            assertThat(map(r).get("id")).isInstanceOf(String.class);
            assertThat(map(map(r).get("shortDescription")).get("text")).isInstanceOf(String.class);
        });
        List<Object> results = list(run.get("results"));
        assertThat(results).hasSize(2);
        Map<String, Object> first = map(results.get(0));
        assertThat(first).containsEntry("ruleId", "index-not-concurrent").containsEntry("level", "error");
        assertThat((String) map(first.get("message")).get("text")).contains("takes SHARE", "quizzes", "CREATE INDEX CONCURRENTLY");
        Map<String, Object> physical = map(map(list(first.get("locations")).get(0)).get("physicalLocation"));
        assertThat(map(physical.get("artifactLocation"))).containsEntry("uri", "src/main/resources/db/migration/V2__Index.sql");
        assertThat(map(physical.get("region"))).containsEntry("startLine", 3L);
        assertThat(map(first.get("partialFingerprints"))).containsEntry("lmsdbFindingId/v1", "index-not-concurrent@V2:3");
        assertThat(map(results.get(1))).containsEntry("level", "warning");
        assertThat(rules).extracting(r -> map(r).get("id")).contains(first.get("ruleId"), map(results.get(1)).get("ruleId"));
    }

    @Test
    void textAndJsonNameRuleEvidenceAndFix() {
        assertThat(String.join("\n", LintRenderer.text(REPORT, Style.PLAIN))).contains(
                "ERROR index-not-concurrent: V2__Index.sql line 3 (quizzes)",
                "Evidence: takes SHARE while the index builds on quizzes (", "about 40 k rows), seen on the shadow",
                "Safer: CREATE INDEX CONCURRENTLY (in a migration of its own, outside a transaction)", "Id: index-not-concurrent@V2:3",
                "Id: drop-column@V2:5", "1 error(s), 1 warning(s)");
        Map<String, Object> json = map(Json.parse(LintRenderer.json(REPORT)));
        assertThat(json).containsEntry("errors", 1L).containsEntry("warnings", 1L);
        assertThat(map(list(json.get("findings")).get(0))).containsEntry("rule", "index-not-concurrent").containsEntry("line", 3L)
                .containsEntry("id", "index-not-concurrent@V2:3");
    }
}
