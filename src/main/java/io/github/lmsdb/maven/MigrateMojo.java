package io.github.lmsdb.maven;

import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.app.Options;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.migrate.MigrateResult;
import io.github.lmsdb.core.migrate.MigrationEntry;
import io.github.lmsdb.core.report.MigrationRenderer;
import java.sql.SQLException;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Applies all pending migrations in version order, each in its own transaction, showing what is pending and the time each
 * took, after validating the applied ones. Planned under the migration lock: of two runs at once the second finds nothing to
 * do (audited as {@code nothing to apply}); a lock held by a dead run's server process is taken over. Sets the project
 * property {@code lmsdb.current}. Production (or a production-stamped database) needs {@code -Dlmsdb.confirm=<db>@production},
 * and refuses error-level lint findings of the pending migrations (found on a shadow preview) not acknowledged by id.
 */
@Mojo(name = "migrate", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, requiresProject = false, threadSafe = true)
public final class MigrateMojo extends AbstractPreviewingMojo {
    /**
     * Preview the pending migrations and change nothing: they run on a throwaway shadow copy of the database's schema (see
     * {@code shadowUrl}), statement by statement, and the preview shows each migration's schema changes and, for the
     * database's existing tables, the lock each statement takes and whether it rewrites the table, with the table's size and
     * estimated rows, and lint's findings with their ids. The database itself is only read. Also settable with {@code -Dlmsdb.dryRun}.
     */
    @Parameter(property = "lmsdb.dryRun", defaultValue = "false")
    private boolean dryRun;

    /** Run all pending migrations in one transaction: all or nothing. Also settable with {@code -Dlmsdb.atomic}. */
    @Parameter(property = "lmsdb.atomic", defaultValue = "false")
    private boolean atomic;

    /**
     * Adopt a database that predates the plugin: mark versions up to this one as applied without running them, once, before
     * migrating. Also settable with {@code -Dlmsdb.baselineVersion}.
     */
    @Parameter(property = "lmsdb.baselineVersion")
    private String baselineVersion;

    @Inject
    public MigrateMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        super(decrypter, repositorySystem, embeddedServers);
    }

    @Override
    protected void run(Lmsdb lmsdb) throws LmsdbException, SQLException {
        print(MigrationRenderer.migrateHeader(dryRun || plans().write() != null, console().style()));
        MigrateResult result = lmsdb.migrate(new Options.Migrate(dryRun, atomic, baselineVersion, backup(), confirm, shadowUrl,
                lockSafety(), plans(), acknowledged()));
        console().migrated(result, lmsdb.settings().environment());
        result.latest().map(MigrationEntry::version).ifPresent(v -> project.getProperties().setProperty("lmsdb.current", v));
    }
}
