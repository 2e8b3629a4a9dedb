package io.github.lmsdb.core.app;

import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.error.LmsdbException;

/**
 * Where previews make their shadow copy when the user named no shadow server and may not create
 * databases on the target's server: a local throwaway PostgreSQL of the target's major version,
 * which an adapter can start (the Maven adapter starts an embedded one). Null when there is none.
 */
@FunctionalInterface
public interface ShadowServers {
    /** A connection to any database of a server of this major, started when needed; null when none can be had. */
    ConnectionSettings serverFor(int major) throws LmsdbException;

    ShadowServers NONE = major -> null;
}
