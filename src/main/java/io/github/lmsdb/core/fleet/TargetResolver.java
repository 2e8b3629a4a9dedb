package io.github.lmsdb.core.fleet;

import io.github.lmsdb.core.config.JdbcUrl;
import io.github.lmsdb.core.config.Settings;
import io.github.lmsdb.core.error.LmsdbException;

/**
 * The settings of one database of a fleet, from the same sources as a single target's (the
 * configured user, the settings.xml server for it, {@code PGPASSWORD}, {@code ~/.pgpass} matched on
 * that target's host, port and database): supplied by the adapter, so that each target's password is
 * resolved for it alone.
 */
@FunctionalInterface
public interface TargetResolver {
    Settings settingsFor(JdbcUrl url) throws LmsdbException;
}
