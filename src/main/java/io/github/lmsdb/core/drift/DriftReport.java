package io.github.lmsdb.core.drift;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.migrate.MigrationFiles;
import io.github.lmsdb.core.schema.Change;
import io.github.lmsdb.core.schema.NotCompared;
import java.util.List;

/**
 * What a drift check found: how the database differs from what its applied migrations build.
 *
 * @param database the checked database
 * @param schema the first managed schema (its objects are shown without the schema name)
 * @param appliedVersion the newest applied migration, replayed up to; null when none is applied
 * @param replayed how many migrations were replayed into the shadow database
 * @param shadowServer where the shadow database was made ({@code host:port})
 * @param differences the changes that take the migrations' schema to the database's, so each reads from the database's
 *     point of view: a {@code New index} is one the database has and the migrations do not make
 * @param notCompared kinds of objects present on either side that the diff does not compare
 * @param adopted the migration and undo written to adopt the drift, or null
 */
public record DriftReport(String database, String schema, String appliedVersion, int replayed, String shadowServer, List<Change> differences,
        List<NotCompared> notCompared, MigrationFiles.Created adopted) {
    public DriftReport {
        differences = List.copyOf(differences);
        notCompared = List.copyOf(notCompared);
    }

    /** The differences a user sees: a change split into several statements counts once. */
    public List<Change> shown() {
        return differences.stream().filter(c -> c.description() != null).toList();
    }

    public boolean hasDrift() {
        return !differences.isEmpty();
    }

    /**
     * For pipelines: fails when the database drifted from its migrations, unless this run wrote the
     * migration that adopts the drift.
     */
    public void requireNone() throws LmsdbException {
        if (hasDrift() && adopted == null) {
            throw new LmsdbException(database + " has drifted from its migrations: " + shown().size() + " difference(s), listed in the drift report.",
                    Hint.line("Adopt them into a migration: ", Hint.run("drift", Hint.set("name", "AdoptHotfix")),
                            ", or undo them by hand on " + database + "."));
        }
    }
}
