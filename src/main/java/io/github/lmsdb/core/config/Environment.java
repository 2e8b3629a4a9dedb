package io.github.lmsdb.core.config;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The environment a configuration runs under; it decides confirmations, backups and what is allowed. */
public enum Environment {
    DEVELOPMENT,
    STAGING,
    PRODUCTION;

    /** The name users type: {@code development}, {@code staging}, {@code production}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a user-supplied name, case-insensitively.
     *
     * @throws LmsdbException naming the allowed values when {@code value} is none of them
     */
    public static Environment parse(String value) throws LmsdbException {
        String allowed = Arrays.stream(values()).map(Environment::id).collect(Collectors.joining(", "));
        if (value == null || value.isBlank()) {
            return DEVELOPMENT;
        }
        for (Environment e : values()) {
            if (e.id().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new LmsdbException(
                "Unknown environment '" + value + "'. Allowed values: " + allowed + ".",
                Hint.line("Set it with ", Hint.set("env", "development"), " (or staging, production), or <environment> in the plugin configuration."));
    }

    @Override
    public String toString() {
        return id();
    }
}
