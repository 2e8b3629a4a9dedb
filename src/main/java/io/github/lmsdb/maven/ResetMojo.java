package io.github.lmsdb.maven;

import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.backup.BackupFormat;
import io.github.lmsdb.core.backup.BackupService;
import io.github.lmsdb.core.config.Settings;
import io.github.lmsdb.core.migrate.MigrateResult;
import io.github.lmsdb.core.migrate.MigrationListener;
import io.github.lmsdb.core.report.Durations;
import io.github.lmsdb.core.report.SeedRenderer;
import io.github.lmsdb.core.report.Style;
import io.github.lmsdb.core.safety.Confirmation;
import io.github.lmsdb.core.safety.Operation;
import io.github.lmsdb.core.safety.Policy;
import io.github.lmsdb.core.seed.SeedListener;
import io.github.lmsdb.core.seed.SeedResult;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Drops every object in the managed schemas, runs all migrations and seeds: a fresh database in
 * one command. Creates the database when it does not exist. Refused in production; staging needs
 * confirmation; development warns. {@code -Dlmsdb.backup=true} backs the database up first.
 */
@Mojo(name = "reset", requiresProject = false, threadSafe = true)
public final class ResetMojo extends AbstractLmsdbMojo {
    /** Back the database up before dropping anything. Also settable with {@code -Dlmsdb.backup}. */
    @Parameter(property = "lmsdb.backup", defaultValue = "false")
    private boolean backup;

    /** The confirmation in staging, in batch mode: the database name. Also settable with {@code -Dlmsdb.confirm}. */
    @Parameter(property = "lmsdb.confirm")
    private String confirm;

    @Inject
    public ResetMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        super(decrypter, repositorySystem, embeddedServers);
    }

    @Override
    protected boolean opensTargetDatabase() {
        return false;
    }

    @Override
    protected void run(Lmsdb maintenance) throws LmsdbException, SQLException {
        long start = System.nanoTime();
        Style style = style();
        Settings target = targetSettings;
        String database = target.connection().url().database();
        Policy.refuseForbidden(target.environment(), "reset", database);
        print(SeedRenderer.resetHeader(style));
        boolean existed = maintenance.gateway().databaseExists(database);
        if (existed) {
            try (Lmsdb current = Lmsdb.open(target)) {
                refuseIfProtected(current, Operation.RESET);
            }
        }
        Confirmation.check(target.environment(), Operation.RESET, database, confirm, prompt());
        if (existed && backup) {
            getLog().info("Backing up " + database + " first...");
            getLog().info("  Saved to " + backups(target).backup(new BackupService.Options(BackupFormat.CUSTOM, null, 1, null), backupProgress()).file());
        }
        if (!existed) {
            maintenance.gateway().createDatabase(database);
            getLog().info("Created database " + database + ".");
        }
        try (Lmsdb lmsdb = Lmsdb.open(target)) {
            SeedResult seeded = audited(lmsdb, "reset", Map.of("backup", Boolean.toString(backup)), () -> {
                lmsdb.migrations().clean(MigrationListener.NONE);
                getLog().info("Step 1: Dropping all tables...      done");
                MigrateResult migrated = lmsdb.migrations().migrate(false, false, null, new MigrationListener() {
                    @Override
                    public void waiting(String message) {
                        getLog().info(message);
                    }
                });
                getLog().info("Step 2: Running migrations...       " + migrated.applied().size() + " migrations executed");
                SeedResult s = lmsdb.seed(false, List.of(), SeedListener.NONE);
                long rows = s.groups().stream().mapToLong(SeedResult.Group::total).sum();
                getLog().info("Step 3: Seeding data...             done (" + s.groups().size() + " groups, " + rows + " rows)");
                stampEnvironment(lmsdb, "reset", true);
                return s;
            });
            getLog().info(style.good("Database reset complete!") + " (" + Durations.format(Duration.ofNanos(System.nanoTime() - start)) + ")");
            print(SeedRenderer.credentials(seeded));
        }
    }
}
