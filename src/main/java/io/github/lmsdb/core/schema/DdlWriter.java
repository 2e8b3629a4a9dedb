package io.github.lmsdb.core.schema;

import java.util.List;

/** Writes changes as a migration script: each change's description and hazards as comments above its statements. */
public final class DdlWriter {
    private DdlWriter() {}

    public static String script(String header, List<Change> changes) {
        StringBuilder sb = new StringBuilder();
        header.lines().forEach(l -> sb.append("-- ").append(l).append('\n'));
        for (Change c : changes) {
            sb.append('\n');
            if (c.description() != null) {
                sb.append("-- ").append(c.description()).append('\n');
            }
            for (Hazard h : c.hazards()) {
                sb.append("-- ").append(h.describe()).append('\n');
            }
            for (String statement : c.statements()) {
                sb.append(statement).append(";\n");
            }
        }
        return sb.toString();
    }
}
