package io.github.lmsdb.core.safety;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.config.Environment;
import java.util.Optional;

/**
 * Whether an operation needs the user to confirm it, and checking what they typed.
 *
 * <p>Development: destructive goals only warn. Staging: destructive goals need the database name.
 * Production: every changing goal (migrate included) needs {@code <database>@production}, so that
 * a value copied from a staging pipeline does not pass.
 */
public final class Confirmation {
    private Confirmation() {}

    /** Asks a person at a console; empty when nobody can answer (batch mode, CI). */
    public interface Prompt {
        Optional<String> ask(String question);
    }

    public static boolean required(Environment environment, Operation operation) {
        return switch (environment) {
            case DEVELOPMENT -> false;
            case STAGING -> operation.destructive();
            case PRODUCTION -> true;
        };
    }

    /** What the user must type: the database name, and in production {@code name@production}. */
    public static String expected(Environment environment, String database) {
        return environment == Environment.PRODUCTION ? database + "@" + environment.id() : database;
    }

    /**
     * Passes when no confirmation is needed or the given one matches; otherwise asks the prompt;
     * otherwise refuses, saying exactly what to pass. Refusing changes nothing.
     *
     * @param given the batch confirmation (the {@code confirm} parameter), or null
     */
    public static void check(Environment environment, Operation operation, String database, String given, Prompt prompt)
            throws LmsdbException {
        if (!required(environment, operation)) {
            return;
        }
        String expected = expected(environment, database);
        Hint how = Hint.line("Confirm with ", Hint.set("confirm", expected));
        if (given != null && !given.isBlank()) {
            if (given.trim().equals(expected)) {
                return;
            }
            throw new LmsdbException(
                    "Confirmation '" + given.trim() + "' does not match: " + operation.label() + " in " + environment.id()
                            + " needs '" + expected + "'. Nothing was changed.",
                    how);
        }
        Optional<String> answer = prompt.ask("Type '" + expected + "' to " + operation.label() + " " + database + " (" + environment.id() + "): ");
        if (answer.isPresent() && answer.get().trim().equals(expected)) {
            return;
        }
        if (answer.isPresent()) {
            throw new LmsdbException(
                    "Confirmation '" + answer.get().trim() + "' does not match '" + expected + "'. Nothing was changed.", how);
        }
        throw new LmsdbException(
                operation.label().substring(0, 1).toUpperCase() + operation.label().substring(1) + " in " + environment.id()
                        + " needs confirmation, and this build cannot ask (batch mode). Nothing was changed.",
                how);
    }
}
