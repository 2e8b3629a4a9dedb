package io.github.lmsdb.maven;

/**
 * A password as a Mojo parameter. Maven's debug output ({@code mvn -X}) prints every parameter
 * with {@code toString()}; this type prints a mask, so the password never reaches the log.
 * Maven builds it through the public String constructor (Maven 3.9.8 and later).
 */
public final class Secret {
    private final String value;

    /** No password (Maven creates one this way when the parameter's property is unset). */
    public Secret() {
        this(null);
    }

    public Secret(String value) {
        this.value = value;
    }

    /** The password itself, for the connection only. */
    String reveal() {
        return value;
    }

    boolean isEmpty() {
        return value == null || value.isEmpty();
    }

    @Override
    public String toString() {
        return "****";
    }
}
