package io.github.lmsdb.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What each killed run left, one row per scenario over its runs: printed and written to target/fault-table.md for the lead to quote. */
final class FaultTable {
    private static final class Row {
        final String scenario;
        final String killPoint;
        int runs;
        long rowsLost;
        final Set<String> toolsAtKill = new LinkedHashSet<>();
        final Set<String> afterKill = new LinkedHashSet<>();
        final Set<String> afterNext = new LinkedHashSet<>();
        final Set<String> nextRun = new LinkedHashSet<>();

        Row(String scenario, String killPoint) {
            this.scenario = scenario;
            this.killPoint = killPoint;
        }
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();

    synchronized void record(String scenario, String killPoint, long rowsLost, List<String> toolsAtKill, List<String> afterKill,
            List<String> afterNext, String nextRun) {
        Row row = rows.computeIfAbsent(scenario, s -> new Row(s, killPoint));
        row.runs++;
        row.rowsLost += rowsLost;
        row.toolsAtKill.addAll(toolsAtKill);
        row.afterKill.addAll(afterKill);
        row.afterNext.addAll(afterNext);
        row.nextRun.add(nextRun);
    }

    synchronized String markdown() {
        List<String> lines = new ArrayList<>();
        lines.add("| Scenario | Killed (kill -9 of the goal's JVM) while | Runs | Rows lost | Tools running at the kill (all gone within 10 s) "
                + "| Leftovers found after the kill | Leftovers after the next run | Next run of the same goal |");
        lines.add("|---|---|---|---|---|---|---|---|");
        for (Row r : rows.values()) {
            lines.add("| " + String.join(" | ", r.scenario, r.killPoint, Integer.toString(r.runs), Long.toString(r.rowsLost),
                    cell(r.toolsAtKill), cell(r.afterKill), cell(r.afterNext), cell(r.nextRun)) + " |");
        }
        return String.join("\n", lines) + "\n";
    }

    private static String cell(Set<String> items) {
        return items.isEmpty() ? "none" : String.join("; ", items).replace("|", "\\|");
    }

    void write(Path file, String heading) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, heading + "\n\n" + markdown());
    }
}
