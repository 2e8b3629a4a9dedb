package io.github.lmsdb.core.error;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Text for the user that may name the plugin's own commands and settings, kept as data: the core
 * says "run the migrate goal" or "set confirm to lms_db", and the adapter words it (the Maven
 * adapter as a Maven command line and a user property). A hint is a list of lines, shown
 * under the message it explains; {@link #line} indents its line by two spaces, as hints are shown.
 *
 * <pre>{@code
 * Hint.line("Apply them first: ", Hint.run("migrate"))
 *     .then("Or preview them: ", Hint.run("migrate", Hint.set("dryRun", "true")))
 * }</pre>
 */
public final class Hint {
    /** One piece of a line. */
    public sealed interface Part permits Literal, Run, Setting {}

    /** Plain words. */
    public record Literal(String text) implements Part {
        public Literal {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A goal of the plugin run with settings (in Maven: the goal's command line with its properties), after the build steps
     * in {@code after} when it needs their output ({@code compile}: in Maven, the phase on the same command line).
     */
    public record Run(String goal, List<Setting> settings, List<String> after) implements Part {
        public Run {
            Objects.requireNonNull(goal, "goal");
            settings = List.copyOf(settings);
            after = List.copyOf(after);
        }

        public Run(String goal, List<Setting> settings) {
            this(goal, settings, List.of());
        }
    }

    /**
     * A parameter of the plugin, with a value ({@code confirm} set to {@code lms_db}) or, when the
     * value is null, the parameter alone ({@code password}).
     */
    public record Setting(String parameter, String value) implements Part {
        public Setting {
            Objects.requireNonNull(parameter, "parameter");
        }
    }

    /** How an adapter spells commands and settings. */
    public interface Words {
        String run(Run run);

        String setting(Setting setting);

        /** Words without any build tool's syntax, for logs and tests outside an adapter. */
        Words NEUTRAL = new Words() {
            @Override
            public String run(Run run) {
                StringBuilder s = new StringBuilder(run.after().isEmpty() ? "" : String.join(", ", run.after()) + ", then ")
                        .append("lmsdb ").append(run.goal());
                run.settings().forEach(p -> s.append(' ').append(setting(p)));
                return s.toString();
            }

            @Override
            public String setting(Setting setting) {
                return setting.value() == null ? setting.parameter() : setting.parameter() + "=" + setting.value();
            }
        };
    }

    public static final Hint NONE = new Hint(List.of());

    private final List<List<Part>> lines;

    private Hint(List<List<Part>> lines) {
        this.lines = lines;
    }

    /** One line of {@link String}s and {@link Part}s, indented by two spaces. */
    public static Hint line(Object... parts) {
        return NONE.then(parts);
    }

    /** One line as it is, without indentation (a message, or a heading above indented lines). */
    public static Hint plain(Object... parts) {
        return new Hint(List.of(parts(parts)));
    }

    /** Plain words, line by line as written (a string holding {@code \n} gives several lines). */
    public static Hint text(String text) {
        if (text == null || text.isEmpty()) {
            return NONE;
        }
        List<List<Part>> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            lines.add(List.of(new Literal(line)));
        }
        return new Hint(List.copyOf(lines));
    }

    /** This hint with one more line, indented by two spaces. */
    public Hint then(Object... parts) {
        List<List<Part>> more = new ArrayList<>(lines);
        List<Part> line = new ArrayList<>();
        line.add(new Literal("  "));
        line.addAll(parts(parts));
        more.add(List.copyOf(line));
        return new Hint(List.copyOf(more));
    }

    /** This hint with {@code parts} added at the end of its last line. */
    public Hint plus(Object... parts) {
        if (lines.isEmpty()) {
            return plain(parts);
        }
        List<List<Part>> more = new ArrayList<>(lines);
        List<Part> last = new ArrayList<>(more.remove(more.size() - 1));
        last.addAll(parts(parts));
        more.add(List.copyOf(last));
        return new Hint(List.copyOf(more));
    }

    /** This hint followed by the lines of {@code other}. */
    public Hint then(Hint other) {
        List<List<Part>> more = new ArrayList<>(lines);
        more.addAll(other.lines);
        return new Hint(List.copyOf(more));
    }

    public static Run run(String goal, Setting... settings) {
        return new Run(goal, Arrays.asList(settings));
    }

    /** {@code goal} run after the build step {@code step} (e.g. {@code compile}) that makes what it reads. */
    public static Run runAfter(String step, String goal, Setting... settings) {
        return new Run(goal, Arrays.asList(settings), List.of(step));
    }

    public static Setting set(String parameter, Object value) {
        return new Setting(parameter, value == null ? null : value.toString());
    }

    /** The parameter by name, without a value. */
    public static Setting param(String parameter) {
        return new Setting(parameter, null);
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    public List<List<Part>> lines() {
        return lines;
    }

    /** The lines joined by line breaks. */
    public String render(Words words) {
        return String.join("\n", renderLines(words));
    }

    /** The lines, as a list. */
    public List<String> renderLines(Words words) {
        return lines.stream().map(line -> renderLine(line, words)).toList();
    }

    /** One line of parts, as words. */
    public static String renderLine(List<Part> line, Words words) {
        StringBuilder s = new StringBuilder();
        for (Part part : line) {
            if (part instanceof Literal l) {
                s.append(l.text());
            } else if (part instanceof Run r) {
                s.append(words.run(r));
            } else if (part instanceof Setting p) {
                s.append(words.setting(p));
            }
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return render(Words.NEUTRAL);
    }

    private static List<Part> parts(Object... parts) {
        List<Part> list = new ArrayList<>();
        for (Object o : parts) {
            if (o instanceof Part p) {
                list.add(p);
            } else if (o != null) {
                list.add(new Literal(o.toString()));
            }
        }
        return List.copyOf(list);
    }
}
