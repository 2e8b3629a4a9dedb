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
public final class MigrateMojo extends AbstractChangeMojo {
    /**
     * Preview the pending migrations and change nothing: they run on a throwaway shadow copy of the
     * database's schema (see {@code shadowUrl}), statement by statement, and the preview shows each
     * migration's schema changes and, for the database's existing tables, the lock each statement
     * takes and whether it rewrites the table, with the table's size and estimated rows. The
     * database itself is only read. Also settable with {@code -Dlmsdb.dryRun}.
     */
    @Parameter(property = "lmsdb.dryRun", defaultValue = "false")
    private boolean dryRun;

    /**
     * The server where a preview ({@code dryRun}) makes its shadow copy, e.g.
     * {@code jdbc:postgresql://localhost:5432/postgres}, reached with the same user and password as
     * {@code url}; it must run the database's PostgreSQL major version or newer, and the user must be
     * allowed to create databases there. By default the database's own server, when its user may
     * create databases. Also settable with {@code -Dlmsdb.shadowUrl}.
     */
    @Parameter(property = "lmsdb.shadowUrl")
    private String shadowUrl;

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

    @Inject
    public MigrateMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        super(decrypter, repositorySystem, embeddedServers);
    }

    @Override
    protected void run(Lmsdb lmsdb) throws LmsdbException, SQLException {
        print(MigrationRenderer.migrateHeader(dryRun, console().style()));
        MigrateResult result = lmsdb.migrate(new Options.Migrate(dryRun, atomic, baselineVersion, backup, confirm, shadowUrl));
        console().migrated(result, lmsdb.settings().environment());
        result.latest().map(MigrationEntry::version).ifPresent(v -> project.getProperties().setProperty("lmsdb.current", v));
    }
}
