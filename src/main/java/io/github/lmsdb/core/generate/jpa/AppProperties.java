package io.github.lmsdb.core.generate.jpa;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The Spring Boot properties generate needs from {@code application.properties} and {@code application.yml}: flat keys
 * ({@code spring.jpa.hibernate.naming.physical-strategy}). YAML is read as far as configuration files use it (nested maps,
 * scalars, comments, several documents); documents activated by a profile are skipped, as Boot skips them without it.
 */
public final class AppProperties {
    private AppProperties() {}

    /** The properties of the files in {@code directory} (the compiled resources), with the file each came from. */
    public static Map<String, Found> read(Path directory) throws IOException {
        Map<String, Found> all = new LinkedHashMap<>();
        for (String file : List.of("application.yml", "application.yaml", "application.properties")) {
            Path p = directory.resolve(file);
            if (Files.isRegularFile(p)) {
                String text = Files.readString(p);
                Map<String, String> values = file.endsWith(".properties") ? properties(text) : yaml(text);
                values.forEach((k, v) -> all.put(k, new Found(v, file)));
            }
        }
        return all;
    }

    /** A value and the file it is in. */
    public record Found(String value, String file) {}

    static Map<String, String> properties(String text) throws IOException {
        Properties p = new Properties();
        try (Reader r = new StringReader(text)) {
            p.load(r);
        }
        Map<String, String> map = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(k -> map.put(k, p.getProperty(k).trim()));
        return map;
    }

    static Map<String, String> yaml(String text) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String document : text.split("(?m)^---\\s*$")) {
            Map<String, String> values = yamlDocument(document);
            if (!values.containsKey("spring.config.activate.on-profile") && !values.containsKey("spring.profiles")) {
                result.putAll(values);
            }
        }
        return result;
    }

    private static Map<String, String> yamlDocument(String document) {
        Map<String, String> values = new LinkedHashMap<>();
        List<int[]> indents = new ArrayList<>(); // indent of each open key
        List<String> keys = new ArrayList<>();
        for (String raw : document.split("\n")) {
            String line = stripComment(raw).stripTrailing();
            if (line.isBlank() || line.trim().startsWith("- ")) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            String content = line.trim();
            int colon = keyColon(content);
            if (colon < 0) {
                continue;
            }
            while (!indents.isEmpty() && indents.get(indents.size() - 1)[0] >= indent) {
                indents.remove(indents.size() - 1);
                keys.remove(keys.size() - 1);
            }
            String key = unquote(content.substring(0, colon).trim());
            String value = content.substring(colon + 1).trim();
            if (value.isEmpty()) {
                indents.add(new int[] {indent});
                keys.add(key);
            } else {
                List<String> path = new ArrayList<>(keys);
                path.add(key);
                values.put(String.join(".", path), unquote(value));
            }
        }
        return values;
    }

    /** The colon that ends the key: followed by a space or the line's end, outside quotes. */
    private static int keyColon(String content) {
        boolean quoted = false;
        char quote = 0;
        for (int i = 0; i < content.length(); i++) {
            char ch = content.charAt(i);
            if (quoted) {
                quoted = ch != quote;
            } else if (ch == '"' || ch == '\'') {
                quoted = true;
                quote = ch;
            } else if (ch == ':' && (i + 1 == content.length() || content.charAt(i + 1) == ' ')) {
                return i;
            }
        }
        return -1;
    }

    private static String stripComment(String line) {
        boolean quoted = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                quoted = ch != quote;
            } else if (ch == '"' || ch == '\'') {
                quoted = true;
                quote = ch;
            } else if (ch == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
