package io.github.lmsdb.maven;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Input that Maven would take silently is refused: a boolean that is not {@code true} or
 * {@code false} (Maven reads {@code -Dlmsdb.dryRun=yes} as false, which runs the real thing), and a
 * {@code -Dlmsdb.*} property that names no parameter of any lmsdb goal ({@code -Dlmsdb.environment}
 * for {@code -Dlmsdb.env}), with the closest real one.
 */
final class StrictInput {
    private static final String PREFIX = "lmsdb.";
    /** Properties the plugin's own tests and later plugins use, not parameters. */
    private static final List<String> NOT_PARAMETERS = List.of("lmsdb.it.", "lmsdb.test.", "lmsdb.current", "lmsdb.port");

    private StrictInput() {}

    static void check(MojoExecution execution, PluginDescriptor plugin, Properties userProperties) throws LmsdbException {
        Map<String, String> booleanProperties = new TreeMap<>();
        Set<String> known = new TreeSet<>();
        if (plugin != null) {
            for (MojoDescriptor mojo : plugin.getMojos()) {
                collect(mojo, booleanProperties, known);
            }
        }
        if (execution != null) {
            collect(execution.getMojoDescriptor(), booleanProperties, known);
        }
        for (String key : new TreeSet<>(userProperties.stringPropertyNames())) {
            if (!key.startsWith(PREFIX) || NOT_PARAMETERS.stream().anyMatch(key::startsWith)) {
                continue;
            }
            if (!known.contains(key)) {
                String closest = closest(key, known);
                throw new LmsdbException("Unknown property -D" + key + ": no lmsdb goal has such a parameter. Nothing was changed.",
                        closest == null ? Hint.NONE : Hint.line("Did you mean ", Hint.param(closest.substring(PREFIX.length())), "?"));
            }
            if (booleanProperties.containsKey(key)) {
                requireBoolean(booleanProperties.get(key), userProperties.getProperty(key));
            }
        }
        if (execution != null && execution.getConfiguration() != null) {
            for (org.apache.maven.plugin.descriptor.Parameter p : parameters(execution.getMojoDescriptor())) {
                Xpp3Dom node = execution.getConfiguration().getChild(p.getName());
                if (isBoolean(p) && node != null && node.getValue() != null && !node.getValue().contains("${")) {
                    requireBoolean(p.getName(), node.getValue());
                }
            }
        }
    }

    private static void collect(MojoDescriptor mojo, Map<String, String> booleans, Set<String> known) {
        for (org.apache.maven.plugin.descriptor.Parameter p : parameters(mojo)) {
            String property = property(p);
            if (property != null) {
                known.add(property);
                if (isBoolean(p)) {
                    booleans.put(property, p.getName());
                }
            }
        }
    }

    private static List<org.apache.maven.plugin.descriptor.Parameter> parameters(MojoDescriptor mojo) {
        return mojo == null || mojo.getParameters() == null ? List.of() : mojo.getParameters();
    }

    private static boolean isBoolean(org.apache.maven.plugin.descriptor.Parameter p) {
        return "boolean".equals(p.getType()) || "java.lang.Boolean".equals(p.getType());
    }

    /** {@code lmsdb.dryRun} from {@code ${lmsdb.dryRun}}. */
    private static String property(org.apache.maven.plugin.descriptor.Parameter p) {
        String e = p.getExpression();
        return e != null && e.startsWith("${" + PREFIX) && e.endsWith("}") ? e.substring(2, e.length() - 1) : null;
    }

    private static void requireBoolean(String parameter, String value) throws LmsdbException {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new LmsdbException("Invalid " + parameter + " '" + value + "': it must be true or false. Nothing was changed.",
                    Hint.line("For example: ", Hint.set(parameter, "true")));
        }
    }

    /** The known property nearest by edit distance (case-insensitive), if it is near enough to be a typo or a synonym. */
    static String closest(String key, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(key.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            String tail = k.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
            if (key.toLowerCase(Locale.ROOT).substring(PREFIX.length()).startsWith(tail) || tail.startsWith(key.toLowerCase(Locale.ROOT).substring(PREFIX.length()))) {
                d = Math.min(d, 2);
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return bestDistance <= Math.max(3, key.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
