package io.github.lmsdb.core.db;

import io.github.lmsdb.core.config.ConnectionSettings;

/**
 * A server that holds shadow databases, and how a report names it.
 *
 * @param settings a connection to any database of it
 * @param where what the report says, e.g. {@code the local shadow server localhost:45123 (PostgreSQL 15, fsync off)}
 * @param targets whether it is the target's own server: then its roles, extensions and collations are the target's
 * @param tablespace where the shadow databases' files go ({@link MemoryTablespace}), or null for the server's default
 */
public record ShadowServer(ConnectionSettings settings, String where, boolean targets, String tablespace) {
    public ShadowServer(ConnectionSettings settings, String where, boolean targets) {
        this(settings, where, targets, null);
    }

    /** The target's own server, {@code why} it was chosen in brackets after its address (none when null). */
    public static ShadowServer targets(ConnectionSettings target, String why) {
        return new ShadowServer(target, "the target's server " + target.url().hostAndPort() + (why == null ? "" : " (" + why + ")"), true);
    }
}
