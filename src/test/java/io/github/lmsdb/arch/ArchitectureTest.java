package io.github.lmsdb.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The two walls of the design, read from the compiled classes with the JDK's jdeps: nothing under
 * {@code core} uses Maven, and no two {@code core} packages depend on each other in a cycle.
 */
class ArchitectureTest {
    private static final String CORE = "io.github.lmsdb.core";
    private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)");

    @Test
    void noCoreClassUsesMaven() {
        Map<String, Set<String>> deps = packageDependencies(Path.of("target/classes"));
        assertThat(mavenUses(deps)).as("core packages that use Maven (the core must stay Maven-free)").isEmpty();
    }

    @Test
    void corePackagesHaveNoCycle() {
        Map<String, Set<String>> deps = packageDependencies(Path.of("target/classes"));
        assertThat(deps.keySet()).as("jdeps read the core packages").contains(CORE + ".app", CORE + ".error");
        assertThat(cycles(deps)).as("core packages in a dependency cycle").isEmpty();
    }

    @Test
    void aCycleIsFoundAndNamed() {
        Map<String, Set<String>> deps = new TreeMap<>();
        deps.put(CORE + ".a", Set.of(CORE + ".b"));
        deps.put(CORE + ".b", Set.of(CORE + ".c", "java.lang"));
        deps.put(CORE + ".c", Set.of(CORE + ".a"));
        deps.put(CORE + ".d", Set.of(CORE + ".a"));
        assertThat(cycles(deps)).containsExactly("a -> b -> c -> a");
    }

    @Test
    void aMavenImportUnderCoreIsFound() {
        Map<String, Set<String>> deps = Map.of(CORE + ".app", Set.of("org.apache.maven.plugin", "java.util"), "io.github.lmsdb.maven",
                Set.of("org.apache.maven.plugin"));
        assertThat(mavenUses(deps)).containsExactly(CORE + ".app -> org.apache.maven.plugin");
    }

    /** Package to the packages it uses, for every package under {@code classes}. */
    static Map<String, Set<String>> packageDependencies(Path classes) {
        assertThat(Files.isDirectory(classes)).as(classes + " (compile first)").isTrue();
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("jdeps is not in this JDK"));
        StringWriter out = new StringWriter();
        int exit = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", "-filter:none",
                classes.toString());
        String text = out.toString();
        assertThat(exit).as(text).isZero();
        Map<String, Set<String>> deps = new TreeMap<>();
        for (String line : text.split("\n")) {
            Matcher m = EDGE.matcher(line);
            if (m.find()) {
                deps.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
            }
        }
        return deps;
    }

    static List<String> mavenUses(Map<String, Set<String>> deps) {
        List<String> uses = new ArrayList<>();
        deps.forEach((from, tos) -> {
            if (from.startsWith(CORE)) {
                tos.stream().filter(to -> to.startsWith("org.apache.maven") || to.startsWith("org.eclipse.aether")
                        || to.startsWith("org.codehaus.plexus")).forEach(to -> uses.add(from + " -> " + to));
            }
        });
        return uses;
    }

    /** Every cycle among core packages, each named once by its path from its smallest package. */
    static List<String> cycles(Map<String, Set<String>> deps) {
        Set<String> found = new TreeSet<>();
        for (String start : deps.keySet()) {
            if (start.startsWith(CORE)) {
                walk(start, start, new ArrayList<>(List.of(start)), deps, found);
            }
        }
        return new ArrayList<>(found);
    }

    private static void walk(String start, String at, List<String> path, Map<String, Set<String>> deps, Set<String> found) {
        for (String next : deps.getOrDefault(at, Set.of())) {
            if (!next.startsWith(CORE) || next.equals(at)) {
                continue;
            }
            if (next.equals(start)) {
                found.add(String.join(" -> ", path.stream().map(ArchitectureTest::shortName).toList()) + " -> " + shortName(start));
            } else if (!path.contains(next) && next.compareTo(start) > 0) {
                path.add(next);
                walk(start, next, path, deps, found);
                path.remove(path.size() - 1);
            }
        }
    }

    private static String shortName(String pkg) {
        return pkg.substring(CORE.length() + 1);
    }
}
