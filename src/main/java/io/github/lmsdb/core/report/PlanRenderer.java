package io.github.lmsdb.core.report;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.migrate.Plan;
import java.util.ArrayList;
import java.util.List;

/** A reviewed plan as text for its reviewer: what it was made against, each step with its checksum and preview. */
public final class PlanRenderer {
    private PlanRenderer() {}

    public static List<String> render(Plan.Use use, Style style, Hint.Words words) {
        Plan plan = use.plan();
        boolean rollback = Plan.ROLLBACK.equals(plan.kind());
        List<String> lines = new ArrayList<>();
        String title = "Plan: " + plan.kind() + " " + plan.database();
        lines.add(style.strong(title));
        lines.add("=".repeat(title.length()));
        lines.add("Made: " + plan.made() + " against PostgreSQL " + plan.serverVersion());
        lines.add("Last applied migration: " + (plan.lastApplied() == null ? "none" : plan.lastApplied()));
        lines.add("Schema fingerprint (SHA-256): " + plan.fingerprint());
        if (plan.steps().isEmpty()) {
            lines.add(rollback ? "Nothing to revert." : "Nothing to apply: the database is up to date.");
        } else {
            lines.add(plan.steps().size() + (rollback ? " migration(s) to revert, newest first:" : " migration(s) to apply, in order:"));
        }
        int index = 0;
        for (Plan.Step step : plan.steps()) {
            index++;
            lines.add(index + ". " + step.label() + " (" + step.script() + ", " + (rollback ? "SHA-256 " : "checksum ") + step.checksum() + ")");
            if (step.preview() != null) {
                lines.addAll(MigrationRenderer.changeLines(step.preview(), style));
                step.preview().dataLoss().forEach(loss -> lines.add("  " + style.bad("Loses: " + loss)));
            }
        }
        long errors = plan.findings().stream().filter(f -> f.severity() == io.github.lmsdb.core.lint.Finding.Severity.ERROR).count();
        if (errors > 0 || !plan.acknowledged().isEmpty()) {
            long open = plan.findings().stream().filter(f -> f.severity() == io.github.lmsdb.core.lint.Finding.Severity.ERROR
                    && !plan.acknowledged().contains(f.id())).count();
            lines.add("Lint: " + errors + " error-level finding(s), " + (errors - open) + " acknowledged in the plan"
                    + (plan.acknowledged().isEmpty() ? "" : " (" + String.join(", ", plan.acknowledged()) + ")")
                    + (open > 0 ? "; in production each must be acknowledged to apply it" : ""));
        }
        lines.add("");
        switch (use.mode()) {
            case WRITTEN -> {
                lines.add("Plan written to " + use.file() + ". Nothing was changed.");
                lines.add(Hint.line("Review it, then apply exactly it: ", Hint.run(plan.kind(), Hint.set("plan", use.file()))).render(words));
            }
            case SHOWN -> lines.add("Dry run: the plan " + use.file() + " was not applied. Nothing was changed.");
            case APPLIED -> lines.add("Applying the plan " + use.file() + ": the database matches it (checked under the migration lock).");
        }
        return lines;
    }
}
