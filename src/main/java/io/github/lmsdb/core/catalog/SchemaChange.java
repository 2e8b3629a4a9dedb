package io.github.lmsdb.core.catalog;

/** An object created, dropped or altered between two snapshots of a schema. */
public record SchemaChange(Action action, SchemaObject object, String detail) {
    public enum Action {
        CREATE("Create"),
        DROP("Drop"),
        ALTER("Alter");

        private final String verb;

        Action(String verb) {
            this.verb = verb;
        }

        public String verb() {
            return verb;
        }
    }

    /** {@code Drop column: quizzes.time_limit}, as previews print it. */
    public String describe() {
        String text = action.verb() + " " + object.kind().label() + ": " + object.name();
        return detail == null || detail.isEmpty() ? text : text + " (" + detail + ")";
    }
}
