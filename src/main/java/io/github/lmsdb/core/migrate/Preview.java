package io.github.lmsdb.core.migrate;

import io.github.lmsdb.core.catalog.SchemaChange;
import java.util.List;

/**
 * What one script does to the schema, measured by running it inside a transaction that is then
 * rolled back: the changes PostgreSQL's catalog shows, and the data that would be lost.
 *
 * @param problem why the script could not be previewed (e.g. a statement that cannot run in a
 *     transaction, or an error), or null
 */
public record Preview(MigrationEntry migration, String script, List<SchemaChange> changes, List<String> dataLoss, String problem) {
    public Preview {
        changes = List.copyOf(changes);
        dataLoss = List.copyOf(dataLoss);
    }
}
