package io.github.lmsdb.maven;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.generate.jpa.EntitiesSchema;
import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;

/** generate's {@code schemaSource}: the SQL files (null) or the project's entities, with the classpath Maven resolved. */
final class EntitySources {
    private static final String HIBERNATE_CORE = "org.hibernate.orm:hibernate-core";

    private EntitySources() {}

    /** generate's {@code against}: true for {@code migrations}, false for {@code database}. */
    static boolean againstMigrations(String against) throws LmsdbException {
        return switch (against == null ? "" : against.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "database" -> false;
            case "migrations" -> true;
            default -> throw new LmsdbException("Unknown against '" + against + "'. Allowed values: database, migrations.",
                    Hint.line("Set it with ", Hint.set("against", "migrations")));
        };
    }

    static EntitiesSchema.Source of(String schemaSource, MavenProject project, PluginDescriptor plugin, List<String> packages,
            boolean dropUnmapped, String physicalNamingStrategy) throws LmsdbException {
        String choice = schemaSource == null ? "sql" : schemaSource.trim().toLowerCase(java.util.Locale.ROOT);
        if (choice.equals("sql")) {
            return null;
        }
        if (!choice.equals("entities")) {
            throw new LmsdbException("Unknown schemaSource '" + schemaSource + "'. Allowed values: sql, entities.",
                    Hint.line("Set it with ", Hint.set("schemaSource", "entities")));
        }
        Set<Path> classpath = new LinkedHashSet<>();
        try {
            project.getCompileClasspathElements().forEach(e -> classpath.add(Path.of(e)));
            project.getRuntimeClasspathElements().forEach(e -> classpath.add(Path.of(e)));
        } catch (DependencyResolutionRequiredException e) {
            throw new LmsdbException("The project's dependencies are not resolved: " + e.getMessage(), "  Run mvn compile first.", e);
        }
        Path classes = Path.of(project.getBuild().getOutputDirectory());
        return new EntitiesSchema.Source(classes, List.copyOf(classpath), pluginHibernate(plugin),
                packages == null ? List.of() : packages, dropUnmapped, physicalNamingStrategy);
    }

    /** hibernate-core and what it brings, among the plugin's own artifacts (by their dependency trail). */
    static List<Path> pluginHibernate(PluginDescriptor plugin) {
        if (plugin == null || plugin.getArtifacts() == null) {
            return List.of();
        }
        List<Artifact> artifacts = plugin.getArtifacts();
        List<Path> jars = artifacts.stream().filter(a -> a.getFile() != null && fromHibernate(a)).map(a -> a.getFile().toPath()).toList();
        if (jars.size() > 1) {
            return jars;
        }
        // No trail recorded: every artifact of the plugin but its own jar; Hibernate's are among them.
        return artifacts.stream().map(Artifact::getFile).filter(f -> f != null && !f.getName().startsWith("lmsdb-maven-plugin"))
                .map(File::toPath).toList();
    }

    private static boolean fromHibernate(Artifact a) {
        String id = a.getGroupId() + ":" + a.getArtifactId();
        return id.equals(HIBERNATE_CORE) || (a.getDependencyTrail() != null
                && a.getDependencyTrail().stream().anyMatch(t -> t.startsWith(HIBERNATE_CORE + ":")));
    }
}
