package io.github.lmsdb.core.lint;

/**
 * One hazard in one statement of a migration, with its evidence.
 *
 * @param file the migration's file name, in the migrations directory
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
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
