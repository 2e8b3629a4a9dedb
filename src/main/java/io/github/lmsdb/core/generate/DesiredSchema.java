package io.github.lmsdb.core.generate;

import io.github.lmsdb.core.error.LmsdbException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Where the desired schema comes from: SQL files ({@link SqlFilesSchema}) or the project's JPA entities
 * ({@link io.github.lmsdb.core.generate.jpa.EntitiesSchema}); either way turned into DDL applied to an empty database.
 */
public interface DesiredSchema {
    /** Where it is, for messages: {@code src/main/resources/db/schema}. */
    String describe();

    /** Refusals that need no database (nothing to read), made before any shadow database is created. */
    default void check() throws LmsdbException {}

    /** Builds the desired schema in {@code emptyDatabase}; on failure, says which file and line. */
    void applyTo(Connection emptyDatabase) throws LmsdbException, SQLException;

    /**
     * Whether an object of the current schema that this source does not have is to be dropped. SQL files describe every
     * object; entities cannot describe checks, triggers, functions, views, partial indexes and defaults, so those are kept
     * (see {@link KeptObjects}) unless the user asks otherwise.
     */
    default boolean describesEverything() {
        return true;
    }

    /** What the report says about the source after {@link #applyTo}: which tool wrote the DDL, which naming it used. */
    default List<String> notes() {
        return List.of();
    }
}
