package io.github.lmsdb.core.migrate;

import io.github.lmsdb.core.catalog.SchemaChange;
import io.github.lmsdb.core.lint.Finding;
import java.util.List;

/**
 * What one script does, measured by running it on a shadow copy of the target's schema (never on
 * the target): the changes PostgreSQL's catalog shows, the data on the target that would be lost,
 * and what each statement did to the target's tables (locks and rewrites) with their sizes.
 *
 * @param problem why the script could not be previewed (e.g. a statement that cannot run in a
 *     transaction, or an error), or null
 * @param findings what lint finds in the script, from this same observation (by the statement's text where it could not be
 *     previewed)
 */
public record Preview(MigrationEntry migration, String script, List<SchemaChange> changes, List<String> dataLoss, List<TableEffect> effects,
        String problem, List<Finding> findings) {
    public Preview {
        changes = List.copyOf(changes);
        dataLoss = List.copyOf(dataLoss);
        effects = List.copyOf(effects);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    public Preview(MigrationEntry migration, String script, List<SchemaChange> changes, List<String> dataLoss, List<TableEffect> effects,
            String problem) {
        this(migration, script, changes, dataLoss, effects, problem, List.of());
    }

    public Preview(MigrationEntry migration, String script, List<SchemaChange> changes, List<String> dataLoss, String problem) {
        this(migration, script, changes, dataLoss, List.of(), problem);
    }

    /** The same preview with lint's findings. */
    public Preview withFindings(List<Finding> found) {
        return new Preview(migration, script, changes, dataLoss, effects, problem, found);
    }

    /**
     * One statement's effect on one table that exists on the target, observed on the shadow.
     *
     * @param line the statement's first line in the script
     * @param table the table as previews name it (bare in the first schema)
     * @param lock the strongest lock mode the statement took on it that the script did not hold yet
     *     (e.g. {@code ACCESS EXCLUSIVE}), or null when it took none
     * @param rewrites whether the statement rewrote it (its relfilenode changed)
     * @param bytes the table's total size on the target (with indexes and TOAST)
     * @param estimatedRows the planner's estimate on the target ({@code reltuples}); negative when never analyzed
     */
    public record TableEffect(int line, String table, String lock, boolean rewrites, long bytes, long estimatedRows) {}
}
