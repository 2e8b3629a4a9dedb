package io.github.lmsdb.core.lint;

import io.github.lmsdb.core.io.ByteSize;
import io.github.lmsdb.core.io.RowEstimate;
import java.util.Locale;

/**
 * One hazard in one statement of a migration (or undo script), with its evidence.
 *
 * @param file the migration's (or undo script's) file name, in the migrations directory
 * @param line the statement's first line in the file
 * @param table the table it concerns, as previews name it
 * @param observed true when the shadow showed it (a lock taken, a rewrite, a statement refused in a transaction); false when
 *     it was read from the statement's text (the migration could not be previewed, or is already applied)
 * @param evidence what was seen, e.g. {@code takes SHARE} or {@code rewrites it}
 * @param bytes the table's total size on the target, or -1 when not known
 * @param estimatedRows the planner's estimate on the target, negative when never analyzed
 */
public record Finding(Rule rule, Severity severity, String version, String file, int line, String table, boolean observed, String evidence,
        long bytes, long estimatedRows) {
    public enum Severity {
        WARNING, ERROR;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What acknowledges this finding: the rule, the script (V for a migration, U for an undo script) with its version, and the
     * statement's line, e.g. {@code index-not-concurrent@V20231120:2}. The same on every run over the same file; an edit that
     * moves the statement changes it, so an acknowledgement never outlives what was reviewed. Findings of one rule on one
     * statement (two tables dropped by one DROP TABLE) share it.
     */
    public String id() {
        return rule.id() + "@" + script() + ":" + line;
    }

    private String script() {
        char kind = file == null || file.isEmpty() ? 'V' : Character.toUpperCase(file.charAt(0));
        if (version == null) {
            return file;
        }
        return (kind == 'U' ? "U" : "V") + version;
    }

    /** "V2__IndexQuizzes.sql line 3 (quizzes)". */
    public String location() {
        return file + " line " + line + (table == null ? "" : " (" + table + ")");
    }

    /** "takes SHARE while the index builds on quizzes (1.2 MB, about 20 k rows), seen on the shadow". */
    public String describeEvidence() {
        StringBuilder s = new StringBuilder(evidence);
        if (table != null) {
            s.append(" on ").append(table).append(" (").append(ByteSize.format(bytes)).append(", ")
                    .append(RowEstimate.format(estimatedRows)).append(')');
        }
        return s.append(observed ? ", seen on the shadow" : ", from the statement's text").toString();
    }
}
