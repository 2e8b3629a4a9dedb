package io.github.lmsdb.core.migrate;

import io.github.lmsdb.core.db.DatabaseGateway;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Flyway's {@code ${...}} placeholders, expanded in a script's text as Flyway expands them when migrate applies it, so that
 * what a preview runs and lint reads is what migrate will run. Flyway is configured with no placeholders of our own, so
 * only its built-in ones have values ({@code ${flyway:defaultSchema}}, {@code ${flyway:user}}, {@code ${flyway:database}},
 * {@code ${flyway:timestamp}}, {@code ${flyway:filename}}, {@code ${flyway:workingDirectory}}, {@code ${flyway:table}},
 * {@code ${flyway:environment}}); any other makes Flyway refuse the migration, and makes {@link #expand} refuse it too.
 * Undo scripts are run by the plugin, not Flyway, and are not expanded: {@link #NONE}.
 */
public final class Placeholders {
    /** No expansion: undo scripts, as rollback runs them. */
    public static final Placeholders NONE = new Placeholders(null);

    private static final String PREFIX = "${";
    private static final String SUFFIX = "}";

    private final Map<String, String> fixed;

    private Placeholders(Map<String, String> fixed) {
        this.fixed = fixed;
    }

    /** Flyway's built-in placeholders for migrations of these schemas, as MigrationService configures Flyway. */
    public static Placeholders flyway(List<String> schemas) {
        Map<String, String> values = new HashMap<>();
        values.put("flyway:defaultschema", schemas.get(0));
        values.put("flyway:table", DatabaseGateway.FLYWAY_HISTORY_TABLE);
        values.put("flyway:environment", "default");
        values.put("flyway:workingdirectory", System.getProperty("user.dir"));
        return new Placeholders(Map.copyOf(values));
    }

    /** A placeholder with no value: Flyway refuses the migration, so the preview does too. */
    public static final class Missing extends Exception {
        private final String name;
        private final int line;

        Missing(String name, int line) {
            super("no value for the placeholder " + PREFIX + name + SUFFIX + " (line " + line + "), which migrate refuses too");
            this.name = name;
            this.line = line;
        }

        public String name() {
            return name;
        }

        public int line() {
            return line;
        }
    }

    /**
     * The script's text with each placeholder replaced (names case-insensitive, as in Flyway), line numbers kept.
     *
     * @param filename the script's file name ({@code ${flyway:filename}})
     * @param user the user the script runs as ({@code ${flyway:user}})
     * @param database the database the script runs in ({@code ${flyway:database}})
     */
    public String expand(String text, String filename, String user, String database) throws Missing {
        if (fixed == null || !text.contains(PREFIX)) {
            return text;
        }
        Map<String, String> values = new HashMap<>(fixed);
        values.put("flyway:filename", filename);
        values.put("flyway:user", user);
        values.put("flyway:database", database);
        values.put("flyway:timestamp", new SimpleDateFormat("yyyy-MM-dd HH:mm:ss", Locale.ROOT).format(new Date()));
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        for (int start = text.indexOf(PREFIX); start >= 0; start = text.indexOf(PREFIX, from)) {
            int end = text.indexOf(SUFFIX, start + PREFIX.length());
            if (end < 0) {
                break;
            }
            String name = text.substring(start + PREFIX.length(), end);
            String value = values.get(name.toLowerCase(Locale.ROOT));
            if (value == null) {
                throw new Missing(name, 1 + (int) text.substring(0, start).chars().filter(c -> c == '\n').count());
            }
            out.append(text, from, start).append(value);
            from = end + SUFFIX.length();
        }
        return out.append(text, from, text.length()).toString();
    }
}
