package io.github.lmsdb.core.error;

import java.util.Objects;

/**
 * A failure the user caused or can fix: a one-line message saying what happened, and a hint that
 * names the exact fix. Both are data ({@link Hint}): the adapter words the plugin's commands and
 * settings in its own syntax. The Maven layer turns it into a build failure; it is never logged
 * and rethrown.
 */
public class LmsdbException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Hint message;
    private final transient Hint hint;

    public LmsdbException(String message, String hint) {
        this(message, Hint.text(hint), null);
    }

    public LmsdbException(String message, String hint, Throwable cause) {
        this(message, Hint.text(hint), cause);
    }

    public LmsdbException(String message, Hint hint) {
        this(message, hint, null);
    }

    public LmsdbException(String message, Hint hint, Throwable cause) {
        this(Hint.plain(Objects.requireNonNull(message, "message")), hint, cause);
    }

    /** A message that itself names a command or a setting ({@code Hint.plain("Parallel dumps (", Hint.set("jobs", 4), ") ...")}). */
    public LmsdbException(Hint message, Hint hint, Throwable cause) {
        super(flat(message), cause);
        this.message = message;
        this.hint = hint == null ? Hint.NONE : hint;
    }

    /** The lines that tell the user what to do next; may be empty. */
    public Hint hint() {
        return hint;
    }

    /** The message as data, for adapters that word it. */
    public Hint messageHint() {
        return message;
    }

    /** Message and hint in the given words, as shown to the user. */
    public String describe(Hint.Words words) {
        String m = String.join(System.lineSeparator(), message.renderLines(words));
        return hint.isEmpty() ? m : m + System.lineSeparator() + String.join(System.lineSeparator(), hint.renderLines(words));
    }

    /** Message and hint in neutral words. */
    public String describe() {
        return describe(Hint.Words.NEUTRAL);
    }

    private static String flat(Hint message) {
        return message.render(Hint.Words.NEUTRAL);
    }
}
