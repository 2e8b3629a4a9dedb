package io.github.lmsdb.core.seed;

/** Progress of a seed run as it happens. */
public interface SeedListener {
    SeedListener NONE = new SeedListener() {};

    default void started(SeedGroup group) {}

    default void finished(SeedResult.Group group) {}
}
