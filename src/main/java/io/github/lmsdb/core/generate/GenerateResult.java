package io.github.lmsdb.core.generate;

import io.github.lmsdb.core.schema.Change;
import io.github.lmsdb.core.schema.Hazard;
import io.github.lmsdb.core.schema.NotCompared;
import io.github.lmsdb.core.migrate.MigrationFiles;
import java.util.List;

/**
 * What generate found and wrote.
 *
 * @param written the migration pair, or null when there were no changes
 * @param against what the desired schema was compared with: the database, or the migrations replayed
 * @param notCompared the kinds present on either side that the diff does not compare: "no changes" says nothing about them
 * @param notes what the declared schema's source says about itself (the entities source: Hibernate version, naming)
 * @param kept objects of the current schema the source cannot describe, kept rather than dropped ("not in the entities")
 * @param shadows where the shadow databases were built (and what was created there for them), or null when not said
 */
public record GenerateResult(List<Change> changes, MigrationFiles.Created written, String against, List<NotCompared> notCompared,
        List<String> notes, List<KeptObjects.Kept> kept, String shadows) {
    public GenerateResult {
        changes = List.copyOf(changes);
        notCompared = List.copyOf(notCompared);
        notes = List.copyOf(notes);
        kept = List.copyOf(kept);
    }

    public GenerateResult(List<Change> changes, MigrationFiles.Created written, String against, List<NotCompared> notCompared,
            List<String> notes, List<KeptObjects.Kept> kept) {
        this(changes, written, against, notCompared, notes, kept, null);
    }

    public GenerateResult(List<Change> changes, MigrationFiles.Created written, String against, List<NotCompared> notCompared) {
        this(changes, written, against, notCompared, List.of(), List.of());
    }

    public GenerateResult(List<Change> changes, MigrationFiles.Created written, String against) {
        this(changes, written, against, List.of());
    }

    /** The kept objects, one line each. */
    public List<String> keptLines() {
        return kept.stream().map(KeptObjects.Kept::describe).toList();
    }

    public List<Hazard> hazards() {
        return changes.stream().flatMap(c -> c.hazards().stream()).toList();
    }

    /** The lines of "Detected Changes". */
    public List<String> descriptions() {
        return changes.stream().map(Change::description).filter(d -> d != null).toList();
    }
}
