package io.github.lmsdb.core;

import java.util.Objects;

/**
 * A failure the user caused or can fix: a one-line message saying what happened, and a hint that
 * names the exact fix in the form the user would type. The Maven layer turns it into a build
 * failure; it is never logged and rethrown.
 */
public class LmsdbException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String hint;

    public LmsdbException(String message, String hint) {
        this(message, hint, null);
    }

    public LmsdbException(String message, String hint, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.hint = hint == null ? "" : hint;
    }

    /** The lines that tell the user what to do next; may be empty. */
    public String hint() {
        return hint;
    }

    /** Message and hint, as shown to the user. */
    public String describe() {
        return hint.isEmpty() ? getMessage() : getMessage() + System.lineSeparator() + hint;
    }
}
