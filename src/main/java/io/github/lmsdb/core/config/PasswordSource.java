package io.github.lmsdb.core.config;

/** Where the password in use came from, so that an authentication failure can say where to fix it. */
public enum PasswordSource {
    NONE("no password was configured"),
    CONFIGURATION("the password came from the plugin configuration (the password parameter)"),
    SETTINGS_SERVER("the password came from the <server> in settings.xml named by lmsdb.serverId"),
    PGPASSWORD("the password came from the PGPASSWORD environment variable"),
    PGPASS_FILE("the password came from the password file (~/.pgpass or PGPASSFILE)");

    private final String explanation;

    PasswordSource(String explanation) {
        this.explanation = explanation;
    }

    public String explanation() {
        return explanation;
    }
}
