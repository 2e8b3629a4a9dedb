package io.github.lmsdb.maven;

import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/** A goal that changes the database, and so may need the user's confirmation (see the policy table in the README). */
public abstract class AbstractChangeMojo extends AbstractLmsdbMojo {
    /**
     * The confirmation, in batch mode: the database name ({@code name@production} in production).
     * Also settable with {@code -Dlmsdb.confirm}.
     */
    @Parameter(property = "lmsdb.confirm")
    protected String confirm;

    /**
     * Back up the database before changing it. Development: as this says (by default on for migrate, rollback and restore, off
     * for reset and seed); staging and production: always, and in production a failed backup stops the goal. Also settable
     * with {@code -Dlmsdb.backup}.
     */
    @Parameter(property = "lmsdb.backup")
    private Boolean backup;

    /**
     * How many automatic backups (the ones taken before migrate, rollback, restore and reset) of the database are kept in the
     * backup directory, newest first; older automatic ones are removed after each new one. 0 keeps all. Backups made with
     * {@code lmsdb:backup} are never removed by it. Also settable with {@code -Dlmsdb.keepAutomatic}.
     */
    @Parameter(property = "lmsdb.keepAutomatic", defaultValue = "5")
    private int keepAutomatic = io.github.lmsdb.core.backup.BackupService.Options.DEFAULT_KEEP_AUTOMATIC;

    @Override
    protected int keepAutomatic() {
        return keepAutomatic;
    }

    protected AbstractChangeMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        super(decrypter, repositorySystem, embeddedServers);
    }

    /** Whether development backs up when {@code backup} is not set. */
    protected boolean backupByDefault() {
        return true;
    }

    protected boolean backup() {
        return backup != null ? backup : backupByDefault();
    }
}
