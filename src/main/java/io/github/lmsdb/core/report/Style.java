package io.github.lmsdb.core.report;

/**
 * How a report decorates its text: plain for batch builds, logs and files; ANSI colour and
 * symbols only when the console supports them.
 */
public interface Style {
    /** Something good: connected, applied. */
    String good(String text);

    /** Something that needs attention: pending. */
    String warn(String text);

    /** Something wrong: failed, missing. */
    String bad(String text);

    /** A title. */
    String strong(String text);

    /** A bullet for a line in a list; {@code kind} is good, warn or bad. */
    String bullet(Kind kind);

    enum Kind { NEUTRAL, GOOD, WARN, BAD }

    Style PLAIN = new Style() {
        @Override
        public String good(String text) {
            return text;
        }

        @Override
        public String warn(String text) {
            return text;
        }

        @Override
        public String bad(String text) {
            return text;
        }

        @Override
        public String strong(String text) {
            return text;
        }

        @Override
        public String bullet(Kind kind) {
            return "-";
        }
    };

    Style ANSI = new Style() {
        @Override
        public String good(String text) {
            return "\u001B[32m" + text + "\u001B[0m";
        }

        @Override
        public String warn(String text) {
            return "\u001B[33m" + text + "\u001B[0m";
        }

        @Override
        public String bad(String text) {
            return "\u001B[31;1m" + text + "\u001B[0m";
        }

        @Override
        public String strong(String text) {
            return "\u001B[1m" + text + "\u001B[0m";
        }

        @Override
        public String bullet(Kind kind) {
            return switch (kind) {
                case NEUTRAL -> "-";
                case GOOD -> good("\u2713");
                case WARN -> warn("\u2022");
                case BAD -> bad("\u2717");
            };
        }
    };
}
