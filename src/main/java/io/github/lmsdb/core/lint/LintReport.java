package io.github.lmsdb.core.lint;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import java.nio.file.Path;
import java.util.List;

/**
 * What lint found in the migrations it read.
 *
 * @param migrationsDirectory where the files are
 * @param linted the files read, in order
 * @param textOnly files that the shadow could not run (why, by file name): their findings come from the statements' text
 */
public record LintReport(Path migrationsDirectory, List<String> linted, List<Finding> findings, java.util.Map<String, String> textOnly) {
    public LintReport {
        linted = List.copyOf(linted);
        findings = List.copyOf(findings);
        textOnly = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(textOnly));
    }

    public long count(Finding.Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** Refuses findings at or above {@code failOn} (null: never). */
    public void requireBelow(Finding.Severity failOn) throws LmsdbException {
        if (failOn == null) {
            return;
        }
        long failing = findings.stream().filter(f -> f.severity().compareTo(failOn) >= 0).count();
        if (failing > 0) {
            throw new LmsdbException("Lint found " + failing + " finding(s) at " + failOn.id() + " level or above.",
                    Hint.line("Rewrite the migrations as each finding says, or report without failing: ", Hint.set("failOn", "none")));
        }
    }
}
