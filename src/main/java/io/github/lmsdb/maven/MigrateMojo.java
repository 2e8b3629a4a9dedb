package io.github.lmsdb.maven;

import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.app.Options;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.migrate.MigrateResult;
import io.github.lmsdb.core.migrate.MigrationEntry;
import io.github.lmsdb.core.report.MigrationRenderer;
import io.github.lmsdb.core.safety.Policy;
import java.sql.SQLException;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Applies all pending migrations in version order, each in its own transaction, with a preview of
 * what is pending and the time each took. Validates the applied ones first (edited or missing
 * files are refused). Two runs at once never apply a migration twice: the second waits for the
 * first, finds nothing to do, and records {@code nothing to apply} in the audit; a lock left held by
 * the server process of a dead lmsdb run (its JVM killed mid-statement) is ended and taken over,
 * with a log line saying so. Sets the project
 * property {@code lmsdb.current} to the version now applied. In production (or on a
 * production-stamped database) it needs {@code -Dlmsdb.confirm=<database>@production} once there is
 * something to apply.
 */
@Mojo(name = "migrate", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, requiresProject = false, threadSafe = true)
public final class MigrateMojo extends AbstractLmsdbMojo {
    /** Preview the pending migrations (each run in a transaction that is rolled back) and change nothing. Also settable with {@code -Dlmsdb.dryRun}. */
    @Parameter(property = "lmsdb.dryRun", defaultValue = "false")
    private boolean dryRun;

    /** Run all pending migrations in one transaction: all or nothing. Also settable with {@code -Dlmsdb.atomic}. */
    @Parameter(property = "lmsdb.atomic", defaultValue = "false")
    private boolean atomic;

    /**
     * Adopt a database that predates the plugin: mark versions up to this one as applied without
     * running them, once, before migrating. Also settable with {@code -Dlmsdb.baselineVersion}.
     */
    @Parameter(property = "lmsdb.baselineVersion")
    private String baselineVersion;

    /**
     * Back up before applying (development: on by default; staging and production: always, and in
     * production a failed backup stops the migrate). Also settable with {@code -Dlmsdb.backup}.
     */
    @Parameter(property = "lmsdb.backup", defaultValue = "true")
    private boolean backup;

    /** The confirmation, in batch mode: the database name ({@code name@production} in production). Also settable with {@code -Dlmsdb.confirm}. */
    @Parameter(property = "lmsdb.confirm")
    private String confirm;

    @Inject
    public MigrateMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        super(decrypter, repositorySystem, embeddedServers);
    }

    @Override
    protected boolean previewOnly() {
        return dryRun;
    }

    @Override
    protected void run(Lmsdb lmsdb) throws LmsdbException, SQLException {
        print(MigrationRenderer.migrateHeader(dryRun, console().style()));
        MigrateResult result = lmsdb.migrate(new Options.Migrate(dryRun, atomic, baselineVersion, backup, confirm));
        print(MigrationRenderer.migrateSummary(result, console().style()));
        if (Policy.detailedOutput(lmsdb.settings().environment())) {
            print(MigrationRenderer.nextAfterMigrate(result, MavenWords.INSTANCE));
        }
        result.latest().map(MigrationEntry::version).ifPresent(v -> project.getProperties().setProperty("lmsdb.current", v));
    }
}
