package io.github.lmsdb.maven;

import io.github.lmsdb.core.app.Options;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.lint.Acknowledgements;
import java.io.File;
import io.github.lmsdb.core.migrate.LockSafety;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/** A goal that previews its change on a shadow copy of the database before making it (migrate, rollback). */
public abstract class AbstractPreviewingMojo extends AbstractChangeMojo {
    /**
     * The server where a preview makes its shadow copy, e.g. {@code jdbc:postgresql://localhost:5432/postgres},
     * reached with the same user and password as {@code url}; it must run the database's PostgreSQL
     * major version or newer, and the user must be allowed to create databases there. By default the
     * database's own server when its user may create databases, else an embedded PostgreSQL of the
     * database's major that the build starts. Also settable with {@code -Dlmsdb.shadowUrl}.
     */
    @Parameter(property = "lmsdb.shadowUrl")
    protected String shadowUrl;

    /**
     * How long each statement of a migration or undo script waits for a table lock ({@code lock_timeout} of the sessions
     * that apply them), e.g. {@code 5s}, {@code 500ms}, {@code 2min}; {@code 0} waits forever. A script cancelled by it is
     * rolled back and tried again (see {@code lockRetries}), naming the sessions that held the locks. Also settable with
     * {@code -Dlmsdb.lockTimeout}.
     */
    @Parameter(property = "lmsdb.lockTimeout", defaultValue = "5s")
    private String lockTimeout;

    /**
     * How long each statement of a migration or undo script may run ({@code statement_timeout}), e.g. {@code 10min};
     * {@code 0} is no limit. Also settable with {@code -Dlmsdb.statementTimeout}.
     */
    @Parameter(property = "lmsdb.statementTimeout", defaultValue = "0")
    private String statementTimeout;

    /**
     * How many times a migration (or undo script, or the whole group with {@code atomic}) that ran in a transaction and
     * was cancelled by the lock timeout is tried again, after 1 s, 2 s, 4 s, ... (± 25%). A migration that ran outside a
     * transaction is never retried. Also settable with {@code -Dlmsdb.lockRetries}.
     */
    @Parameter(property = "lmsdb.lockRetries", defaultValue = "3")
    private int lockRetries;

    /**
     * Write a reviewed plan to this file and change nothing: what will run (the pending migrations with their checksums, or
     * the migrations to revert with their undo scripts' SHA-256), the preview of each, and the database's name, server
     * version, last applied migration and schema fingerprint. The plan is printed for review. Also settable with
     * {@code -Dlmsdb.planFile}.
     */
    @Parameter(property = "lmsdb.planFile")
    private File planFile;

    /**
     * Apply exactly the reviewed plan in this file (written with {@code planFile}): refused, changing nothing, when the
     * database, its schema fingerprint, the pending set or a checksum differs from the plan. With {@code dryRun}, only print
     * it. Also settable with {@code -Dlmsdb.plan}.
     */
    @Parameter(property = "lmsdb.plan")
    private File plan;

    /**
     * Lint findings acknowledged after review, by their ids, comma-separated (e.g.
     * {@code index-not-concurrent@V20231120:2}; previews, plans and {@code lint} print each finding's id). In production a
     * migrate or rollback refuses, changing nothing, while an error-level finding of what it runs is not acknowledged here
     * or in the plan it applies; a plan written with {@code planFile} records them. Also settable with
     * {@code -Dlmsdb.acknowledge}.
     */
    @Parameter(property = "lmsdb.acknowledge")
    private java.util.List<String> acknowledge;

    protected AbstractPreviewingMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        super(decrypter, repositorySystem, embeddedServers);
    }

    /** The plan to write or to apply. */
    protected Options.Plans plans() {
        return new Options.Plans(planFile == null ? null : planFile.toPath(), plan == null ? null : plan.toPath());
    }

    /** The lint findings acknowledged by id. */
    protected Acknowledgements acknowledged() {
        return Acknowledgements.of(acknowledge);
    }

    /** The lock and statement timeouts and the retries, or a refusal naming the parameter. */
    protected LockSafety lockSafety() throws LmsdbException {
        return LockSafety.of(lockTimeout, statementTimeout, lockRetries);
    }
}
