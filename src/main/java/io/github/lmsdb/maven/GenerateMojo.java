package io.github.lmsdb.maven;

import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.app.Options;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.generate.GenerateResult;
import io.github.lmsdb.core.report.GenerateRenderer;
import java.sql.SQLException;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Compares the declared schema ({@code schemaDirectory}: SQL files, one per entity) with the database, and writes the
 * migration that makes the database match, with its undo script. The declared schema is built in a throwaway shadow
 * database; both are read from PostgreSQL's catalog and diffed; hazards (data loss, rewrites, NOT NULL on rows, unique on
 * existing data, blocking index builds) are printed and written as comments. Before anything is written, the migration and
 * its undo are checked on a shadow copy of the current schema. The database itself is not changed.
 */
@Mojo(name = "generate", requiresProject = false, threadSafe = true)
public final class GenerateMojo extends AbstractLmsdbMojo {
    /** The migration's name, e.g. {@code AddUserAvatar}. Also settable with {@code -Dlmsdb.name}. */
    @Parameter(property = "lmsdb.name")
    private String name;

    /**
     * What the declared schema is compared with: {@code database} (the configured database, which must have no pending
     * migrations) or {@code migrations} (every migration replayed in a shadow database). Also settable with {@code
     * -Dlmsdb.against}.
     */
    @Parameter(property = "lmsdb.against", defaultValue = "database")
    private String against;

    /** When false, any hazard fails the goal and nothing is written (for pipelines). Also settable with {@code -Dlmsdb.allowHazards}. */
    @Parameter(property = "lmsdb.allowHazards", defaultValue = "true")
    private boolean allowHazards;

    @Inject
    public GenerateMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        super(decrypter, repositorySystem, embeddedServers);
    }

    @Override
    protected void run(Lmsdb lmsdb) throws LmsdbException, SQLException {
        boolean againstMigrations = switch (choice(against)) {
            case "database" -> false;
            case "migrations" -> true;
            default -> throw new LmsdbException("Unknown against '" + against + "'. Allowed values: database, migrations.",
                    Hint.line("Set it with ", Hint.set("against", "migrations")));
        };
        GenerateResult result = lmsdb.generate(new Options.Generate(name, againstMigrations, allowHazards));
        print(GenerateRenderer.report(result, project.getBasedir().toPath(), console().style(), MavenWords.INSTANCE));
    }
}
