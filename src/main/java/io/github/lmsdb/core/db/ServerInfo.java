package io.github.lmsdb.core.db;

/**
 * What the connected server says about itself and the session, read in one query.
 *
 * @param version the full version string, e.g. {@code 15.19}
 * @param versionNumber {@code server_version_num}, e.g. {@code 150019}
 */
public record ServerInfo(String version, int versionNumber, String database, String user, long databaseSizeBytes) {
    public int majorVersion() {
        return versionNumber / 10000;
    }
}
