package io.github.lmsdb.core.report;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.generate.GenerateResult;
import io.github.lmsdb.core.generate.KeptObjects;
import io.github.lmsdb.core.schema.Hazard;
import io.github.lmsdb.core.schema.SchemaDiff;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The text of generate. */
public final class GenerateRenderer {
    private GenerateRenderer() {}

    public static List<String> report(GenerateResult r, Path base, Style style, Hint.Words words) {
        List<String> lines = new ArrayList<>();
        lines.add(style.strong("Analyzing Entity Changes"));
        lines.add("========================");
        r.notes().forEach(n -> lines.add(n.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + n.substring(1)));
        lines.add("Compared with " + r.against());
        if (r.shadows() != null) {
            lines.add("Shadow databases: on " + r.shadows());
        }
        if (r.changes().isEmpty()) {
            if (r.notCompared().isEmpty()) {
                lines.add(style.good("No changes detected:") + " the schema matches the declared schema. No files written.");
            } else {
                lines.add(style.good("No changes detected") + " in what is compared. No files written.");
                notCompared(r, style, lines);
            }
            kept(r, words, lines);
            return lines;
        }
        lines.add("Detected Changes:");
        r.descriptions().forEach(d -> lines.add("- " + d));
        notCompared(r, style, lines);
        kept(r, words, lines);
        List<Hazard> hazards = r.hazards();
        if (hazards.isEmpty()) {
            lines.add("Hazards: none");
        } else {
            lines.add(style.bad("Hazards: " + hazards.size()));
            hazards.forEach(h -> lines.add("- " + h.describe()));
        }
        if (r.written() == null) {
            return lines;
        }
        lines.add("");
        lines.add("Generating migration...");
        lines.add(style.good("Migration generated successfully!"));
        lines.add("File: " + BackupRenderer.relative(base, r.written().migration()));
        lines.add("Undo: " + BackupRenderer.relative(base, r.written().undo()));
        lines.add("Changes: " + SchemaDiff.summary(r.changes()));
        lines.add("");
        lines.add("Next steps:");
        lines.add("1. Review the generated migration file");
        lines.addAll(Hint.plain("2. Run: ", Hint.run("migrate")).renderLines(words));
        return lines;
    }

    /** What the entities cannot describe: kept, and said so, so that a missing drop is never a surprise. */
    private static void kept(GenerateResult r, Hint.Words words, List<String> lines) {
        if (!r.kept().isEmpty()) {
            lines.addAll(Hint.plain("Not in the entities, kept: " + r.kept().size() + (r.kept().size() == 1 ? " object" : " objects")
                    + " (to drop them instead: ", Hint.set("dropUnmapped", "true"), ")").renderLines(words));
            lines.addAll(keptByTable(r.kept()));
        }
    }

    private static final List<String> TABLE_KINDS = List.of("check constraint", "exclusion constraint", "default", "index", "trigger",
            "table comment", "column comment");

    /**
     * One line per table (what is kept on it, by kind), then one per kind of schema-level object, e.g.
     * {@code - public.users: check constraint users_email_check; defaults of created_at (now()), role ('student'::text); trigger users_set_updated_at}.
     */
    static List<String> keptByTable(List<KeptObjects.Kept> kept) {
        Map<String, List<KeptObjects.Kept>> tables = new TreeMap<>();
        Map<String, List<String>> others = new TreeMap<>();
        for (KeptObjects.Kept k : kept) {
            if (k.table() == null) {
                others.computeIfAbsent(k.kind(), x -> new ArrayList<>()).add(k.name());
            } else {
                tables.computeIfAbsent(k.table(), x -> new ArrayList<>()).add(k);
            }
        }
        List<String> lines = new ArrayList<>();
        tables.forEach((table, list) -> {
            if (list.stream().anyMatch(k -> k.kind().equals("table"))) {
                lines.add("- " + table + ": the whole table (no entity maps it)");
                return;
            }
            List<String> parts = new ArrayList<>();
            for (String kind : TABLE_KINDS) {
                List<String> names = list.stream().filter(k -> k.kind().equals(kind)).map(GenerateRenderer::shortly).sorted().toList();
                if (kind.equals("table comment") && !names.isEmpty()) {
                    parts.add("table comment");
                } else if (!names.isEmpty()) {
                    String label = kind.equals("default") ? "default" + (names.size() == 1 ? " of" : "s of")
                            : kind.equals("column comment") ? "comment" + (names.size() == 1 ? " on column" : "s on columns")
                            : kind.equals("index") ? (names.size() == 1 ? "index" : "indexes")
                            : kind + (names.size() == 1 ? "" : "s");
                    parts.add(label + " " + String.join(", ", names));
                }
            }
            lines.add("- " + table + ": " + String.join("; ", parts));
        });
        others.forEach((kind, names) -> lines.add("- " + kind + (names.size() == 1 ? " " : "s ") + String.join(", ", names.stream().sorted().toList())));
        return lines;
    }

    /** A table's object without the schema (an index's name is qualified), with its detail. */
    private static String shortly(KeptObjects.Kept k) {
        String name = k.name() == null ? "" : k.name().substring(k.name().lastIndexOf('.') + 1);
        return k.detail() == null ? name : name + " (" + k.detail() + ")";
    }

    /** Kinds the diff does not look at: listed, so that silence about them is never read as "equal". */
    private static void notCompared(GenerateResult r, Style style, List<String> lines) {
        if (!r.notCompared().isEmpty()) {
            lines.add(style.bad("Not compared: " + r.notCompared().size() + (r.notCompared().size() == 1 ? " kind" : " kinds"))
                    + " (present, but generate does not compare them: check them by hand)");
            r.notCompared().forEach(n -> lines.add("- " + n.describe()));
        }
    }
}
