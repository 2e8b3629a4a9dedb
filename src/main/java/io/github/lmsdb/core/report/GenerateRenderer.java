package io.github.lmsdb.core.report;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.generate.GenerateResult;
import io.github.lmsdb.core.schema.Hazard;
import io.github.lmsdb.core.schema.SchemaDiff;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The text of generate. */
public final class GenerateRenderer {
    private GenerateRenderer() {}

    public static List<String> report(GenerateResult r, Path base, Style style, Hint.Words words) {
        List<String> lines = new ArrayList<>();
        lines.add(style.strong("Analyzing Entity Changes"));
        lines.add("========================");
        r.notes().forEach(n -> lines.add(n.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + n.substring(1)));
        lines.add("Compared with " + r.against());
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
            r.kept().forEach(k -> lines.add("- " + k));
        }
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
