package io.github.lmsdb.core.config;

import io.github.lmsdb.core.error.Hint;

/** Where the password in use came from, so that an authentication failure can say where to fix it. */
public enum PasswordSource {
    NONE(Hint.plain("no password was configured")),
    CONFIGURATION(Hint.plain("the password came from <password> in the POM or ", Hint.param("password"))),
    SETTINGS_SERVER(Hint.plain("the password came from the <server> in settings.xml named by lmsdb.serverId")),
    PGPASSWORD(Hint.plain("the password came from the PGPASSWORD environment variable")),
    PGPASS_FILE(Hint.plain("the password came from the password file (~/.pgpass or PGPASSFILE)"));

    private final Hint explanation;

    PasswordSource(Hint explanation) {
        this.explanation = explanation;
    }

    /** One line, naming the setting where it names one. */
    public Hint explanation() {
        return explanation;
    }
}
