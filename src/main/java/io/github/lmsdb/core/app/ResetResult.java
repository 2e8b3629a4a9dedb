package io.github.lmsdb.core.app;

import io.github.lmsdb.core.seed.SeedResult;
import java.time.Duration;

/**
 * A finished reset.
 *
 * @param created whether the database did not exist and was created
 * @param migrations how many migrations ran
 */
public record ResetResult(String database, boolean created, int migrations, SeedResult seeded, Duration took) {}
