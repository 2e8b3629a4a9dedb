package io.github.lmsdb.core.safety;

import io.github.lmsdb.core.LmsdbException;
import io.github.lmsdb.core.config.Environment;

/** What each environment allows, in one place. Confirmations are in {@link Confirmation}. */
public final class Policy {
    private Policy() {}

    /** Refuses goals an environment never allows: reset and seed in production. */
    public static void refuseForbidden(Environment environment, String goal, String database) throws LmsdbException {
        if (environment != Environment.PRODUCTION) {
            return;
        }
        if (goal.equals("reset") || goal.equals("seed")) {
            throw new LmsdbException(
                    "lmsdb:" + goal + " is refused in production: it would " + (goal.equals("reset") ? "drop every table of " : "load sample data into ")
                            + database + ". Nothing was changed.",
                    "  Run it against a development or staging database (-Dlmsdb.env=development with that database's -Dlmsdb.url).");
        }
    }

    /** Test accounts are printed in development only. */
    public static boolean printsCredentials(Environment environment) {
        return environment == Environment.DEVELOPMENT;
    }
}
