package io.github.lmsdb.core.app;

import java.nio.file.Path;
import java.util.List;

/** What the user asked of each goal, one record per goal. */
public final class Options {
    private Options() {}

    /**
     * @param dryRun preview only, change nothing
     * @param atomic all pending migrations in one transaction
     * @param baselineVersion adopt an existing database at this version first, or null
     * @param backup the {@code backup} parameter (the policy decides what it means)
     * @param confirm the batch confirmation, or null
     */
    public record Migrate(boolean dryRun, boolean atomic, String baselineVersion, boolean backup, String confirm) {}

    public record Rollback(int steps, boolean dryRun, boolean backup, String confirm) {}

    /**
     * @param fresh empty the tables first: every application table, or with {@code only} the tables those groups load
     * @param only group names, or empty for all
     */
    public record Seed(boolean fresh, List<String> only, String confirm) {
        public Seed {
            only = only == null ? List.of() : List.copyOf(only);
        }
    }

    public record Reset(boolean backup, String confirm) {}

    /**
     * @param keepPrevious keep the replaced database under its aside name
     * @param jobs parallel pg_restore jobs
     * @param unverified accept a file without its manifest (what can be verified still is)
     */
    public record Restore(Path file, int jobs, boolean keepPrevious, boolean unverified, boolean backup, String confirm) {}

    /**
     * @param name the migration's name
     * @param againstMigrations compare with the migrations replayed in a shadow, not the database
     * @param allowHazards false refuses any hazard
     */
    public record Generate(String name, boolean againstMigrations, boolean allowHazards) {}
}
