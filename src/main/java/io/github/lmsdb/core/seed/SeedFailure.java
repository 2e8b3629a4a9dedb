package io.github.lmsdb.core.seed;

import io.github.lmsdb.core.error.LmsdbException;

/** A seed file failed: which group, file and line, and what PostgreSQL said. Everything was rolled back. */
public final class SeedFailure extends LmsdbException {
    private static final long serialVersionUID = 1L;

    SeedFailure(SeedGroup group, String file, int line, String error, Throwable cause) {
        super("Seeding failed in group " + group.name() + ", file " + file + (line > 0 ? " line " + line : "") + ": " + error
                        + ". Everything this run seeded was rolled back; the database is as it was.",
                "  Fix " + group.folder() + "/" + file + " and run the seed again.", cause);
    }
}
