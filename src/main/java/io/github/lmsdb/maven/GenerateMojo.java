package io.github.lmsdb.maven;

import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.app.Options;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.report.GenerateRenderer;
import java.sql.SQLException;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Compares the declared schema (SQL files, or with {@code schemaSource=entities} the JPA classes, DDL by Hibernate as the
 * application's startup makes it, Bean Validation constraints included) with the database through PostgreSQL's catalog, and
 * writes the self-checked migration, undo and hazards; changes nothing in the database. The schemas are built in throwaway
 * shadow databases on {@code shadowUrl}'s server, by default on an embedded PostgreSQL of the database's major started with
 * fsync off for them (never the development server that holds your data), their files in memory on Linux (a tablespace on
 * {@code /dev/shm} for the run, when it has room); the report says where.
 */
@Mojo(name = "generate", requiresProject = false, threadSafe = true, requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME)
public final class GenerateMojo extends AbstractLmsdbMojo {
    /** The migration's name, e.g. {@code AddUserAvatar}. Also settable with {@code -Dlmsdb.name}. */
    @Parameter(property = "lmsdb.name")
    private String name;

    /** Compare with {@code database} (no pending migrations) or {@code migrations} (replayed in a shadow). Also settable with {@code -Dlmsdb.against}. */
    @Parameter(property = "lmsdb.against", defaultValue = "database")
    private String against;

    /** When false, any hazard fails the goal and nothing is written (for pipelines). Also settable with {@code -Dlmsdb.allowHazards}. */
    @Parameter(property = "lmsdb.allowHazards", defaultValue = "true")
    private boolean allowHazards;

    /** The declared schema: {@code sql} ({@code schemaDirectory}) or {@code entities} (the compiled JPA classes). Also settable with {@code -Dlmsdb.schemaSource}. */
    @Parameter(property = "lmsdb.schemaSource", defaultValue = "sql")
    private String schemaSource;

    /** With {@code entities}: the packages (and below) to scan for JPA classes; all when empty. Also settable with {@code -Dlmsdb.entityPackages}. */
    @Parameter(property = "lmsdb.entityPackages")
    private java.util.List<String> entityPackages;

    /** With {@code entities}: drop the objects the entities do not describe (checks, triggers, views...) instead of keeping them. Also settable with {@code -Dlmsdb.dropUnmapped}. */
    @Parameter(property = "lmsdb.dropUnmapped", defaultValue = "false")
    private boolean dropUnmapped;

    /** With {@code entities}: Hibernate's physical naming strategy class, over application.properties and Spring Boot's default. Also settable with {@code -Dlmsdb.physicalNamingStrategy}. */
    @Parameter(property = "lmsdb.physicalNamingStrategy")
    private String physicalNamingStrategy;

    /**
     * The PostgreSQL server where the schemas are built and compared in throwaway databases (the declared schema, and the
     * migrations replayed or the current one rebuilt for the self-check when it needs them), e.g. {@code jdbc:postgresql://localhost:5432/postgres}: reached with the
     * same user and password as {@code url}; it must run the database's PostgreSQL major and have its extensions and
     * collations, and the user must be allowed to create databases (and the target server's roles, which are created
     * there {@code NOLOGIN} when missing). By default an embedded PostgreSQL of the database's major that the build starts
     * with fsync off, in its own data directory beside {@code embeddedDataDirectory}'s ({@code shadow-<major>}); when it
     * lacks an extension or a collation the database uses, the database's own server if its user may create databases
     * there, as the report says. Also settable with {@code -Dlmsdb.shadowUrl}.
     */
    @Parameter(property = "lmsdb.shadowUrl")
    private String shadowUrl;

    @Inject
    public GenerateMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        super(decrypter, repositorySystem, embeddedServers);
    }

    @Override
    protected void run(Lmsdb lmsdb) throws LmsdbException, SQLException {
        print(GenerateRenderer.report(lmsdb.generate(new Options.Generate(name, EntitySources.againstMigrations(against), allowHazards,
                EntitySources.of(schemaSource, project, pluginDescriptor, entityPackages, dropUnmapped, physicalNamingStrategy), shadowUrl)),
                project.getBasedir().toPath(), console().style(), MavenWords.INSTANCE));
    }
}
