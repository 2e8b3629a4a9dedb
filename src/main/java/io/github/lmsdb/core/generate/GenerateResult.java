package io.github.lmsdb.core.generate;

import io.github.lmsdb.core.schema.Change;
import io.github.lmsdb.core.schema.Hazard;
import io.github.lmsdb.core.migrate.MigrationFiles;
import java.util.List;

/**
 * What generate found and wrote.
 *
 * @param written the migration pair, or null when there were no changes
 * @param against what the desired schema was compared with: the database, or the migrations replayed
 */
public record GenerateResult(List<Change> changes, MigrationFiles.Created written, String against) {
    public GenerateResult {
        changes = List.copyOf(changes);
    }

    public List<Hazard> hazards() {
        return changes.stream().flatMap(c -> c.hazards().stream()).toList();
    }

    /** The lines of "Detected Changes". */
    public List<String> descriptions() {
        return changes.stream().map(Change::description).filter(d -> d != null).toList();
    }
}
