package io.github.lmsdb.core.migrate;

import io.github.lmsdb.core.error.LmsdbException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * Shows what scripts would do without doing it to the target: dry runs and rollback previews ask
 * one, under the migration lock. The one in use runs them on a shadow copy (core.shadow); the
 * migrate package only states the question, so it depends on no way of answering it.
 */
public interface Previewer {
    /**
     * What each script would do if run in order on the target, its {@code ${...}} placeholders expanded by {@code placeholders}
     * as the goal that runs it would ({@link Placeholders#NONE} for undo scripts). With {@code countLoss}, also the rows and
     * non-null values that the tables and columns they drop hold on the target.
     */
    List<Preview> preview(List<MigrationEntry> migrations, List<Path> scripts, Placeholders placeholders, boolean countLoss)
            throws LmsdbException, SQLException;

    /** For services that never preview (status, apply, clean): asking it is a programming error, never a preview in place. */
    Previewer NONE = (migrations, scripts, placeholders, countLoss) -> {
        throw new IllegalStateException("This MigrationService was made without a previewer and cannot preview.");
    };
}
