package io.github.lmsdb.core.generate;

import io.github.lmsdb.core.error.LmsdbException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the desired schema comes from. Today: SQL files ({@link SqlFilesSchema}); the same
 * interface can take JPA entity classes later, as long as they can be turned into DDL applied to
 * an empty database.
 */
public interface DesiredSchema {
    /** Where it is, for messages: {@code src/main/resources/db/schema}. */
    String describe();

    /** Builds the desired schema in {@code emptyDatabase}; on failure, says which file and line. */
    void applyTo(Connection emptyDatabase) throws LmsdbException, SQLException;
}
