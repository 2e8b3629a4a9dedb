package io.github.lmsdb.maven;

import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.migrate.MigrationFiles;
import io.github.lmsdb.core.report.MigrationRenderer;
import java.io.File;
import java.time.Instant;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Writes an empty migration {@code V<UTC yyyyMMddHHmmss>__<name>.sql} and its undo script {@code U<same>__<name>.sql} into
 * the migrations directory. Needs no database.
 */
@Mojo(name = "create", requiresProject = false, threadSafe = true)
public final class CreateMojo extends AbstractMojo {
    /**
     * The migration's name: letters, digits and underscores, starting with a letter, at most 100 characters, e.g. {@code
     * AddUserAvatar}. Also settable with {@code -Dlmsdb.name}.
     */
    @Parameter(property = "lmsdb.name")
    private String name;

    /** Where the migrations are. Also settable with {@code -Dlmsdb.migrationsDirectory}. */
    @Parameter(property = "lmsdb.migrationsDirectory", defaultValue = "${project.basedir}/src/main/resources/db/migration")
    private File migrationsDirectory;

    /** Skip this goal. Also settable with {@code -Dlmsdb.skip}. */
    @Parameter(property = "lmsdb.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Override
    public void execute() throws MojoFailureException {
        if (skip) {
            getLog().info("Skipping: lmsdb.skip is true.");
            return;
        }
        try {
            MigrationFiles.Created created = MigrationFiles.create(migrationsDirectory.toPath(), name, Instant.now());
            for (String line : MigrationRenderer.created(created, project.getBasedir().toPath(), MavenWords.INSTANCE)) {
                getLog().info(line);
            }
        } catch (LmsdbException e) {
            throw AbstractLmsdbMojo.failure(e, getLog());
        }
    }
}
