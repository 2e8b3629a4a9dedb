package io.github.lmsdb.maven;

import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.config.Credentials;
import io.github.lmsdb.core.config.Environment;
import io.github.lmsdb.core.config.JdbcUrl;
import io.github.lmsdb.core.config.PasswordSource;
import io.github.lmsdb.core.config.PgPassFile;
import io.github.lmsdb.core.config.Settings;
import io.github.lmsdb.core.db.EmbeddedBinaries;
import io.github.lmsdb.core.db.EmbeddedServer;
import io.github.lmsdb.core.backup.BackupFormat;
import io.github.lmsdb.core.backup.BackupListener;
import io.github.lmsdb.core.backup.BackupResult;
import io.github.lmsdb.core.backup.BackupService;
import io.github.lmsdb.core.migrate.MigrationEntry;
import io.github.lmsdb.core.report.BackupRenderer;
import io.github.lmsdb.core.migrate.MigrationListener;
import io.github.lmsdb.core.report.MigrationRenderer;
import io.github.lmsdb.core.report.Style;
import io.github.lmsdb.core.safety.AuditLog;
import io.github.lmsdb.core.safety.AuditRecord;
import io.github.lmsdb.core.safety.Confirmation;
import io.github.lmsdb.core.safety.Operation;
import io.github.lmsdb.core.safety.Policy;
import java.io.File;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.eclipse.aether.RepositorySystem;

/**
 * What every lmsdb goal shares: its configuration, and the five steps of {@link #execute()}.
 */
public abstract class AbstractLmsdbMojo extends AbstractMojo {
    /** The database to work on. Also settable with {@code -Dlmsdb.url}. */
    @Parameter(property = "lmsdb.url", defaultValue = "jdbc:postgresql://localhost:5432/lms_db")
    protected String url;

    /**
     * The database user; {@code postgres} when neither this nor a settings.xml server gives one.
     * Also settable with {@code -Dlmsdb.user}.
     */
    @Parameter(property = "lmsdb.user")
    protected String user;

    /**
     * The database password. Prefer {@code serverId}, {@code PGPASSWORD} or {@code ~/.pgpass}, which
     * keep it out of the POM and the command line. Also settable with {@code -Dlmsdb.password}.
     */
    @Parameter(property = "lmsdb.password")
    protected Secret password;

    /**
     * The id of a {@code <server>} in settings.xml whose username and (possibly encrypted) password
     * are used. Giving a password here and in the plugin configuration is an error.
     * Also settable with {@code -Dlmsdb.serverId}.
     */
    @Parameter(property = "lmsdb.serverId")
    protected String serverId;

    /**
     * The schemas the plugin manages; the first holds Flyway's history table.
     * Also settable with {@code -Dlmsdb.schemas=public,reporting}.
     */
    @Parameter(property = "lmsdb.schemas", defaultValue = "public")
    protected List<String> schemas;

    /** Where the versioned migrations and their undo scripts are. Also settable with {@code -Dlmsdb.migrationsDirectory}. */
    @Parameter(property = "lmsdb.migrationsDirectory", defaultValue = "${project.basedir}/src/main/resources/db/migration")
    protected File migrationsDirectory;

    /** Where the seed groups are. Also settable with {@code -Dlmsdb.seedsDirectory}. */
    @Parameter(property = "lmsdb.seedsDirectory", defaultValue = "${project.basedir}/src/main/resources/db/seed")
    protected File seedsDirectory;

    /** Where the declared schema (one SQL file per entity) is. Also settable with {@code -Dlmsdb.schemaDirectory}. */
    @Parameter(property = "lmsdb.schemaDirectory", defaultValue = "${project.basedir}/src/main/resources/db/schema")
    protected File schemaDirectory;

    /** Where backups are written. Also settable with {@code -Dlmsdb.backupDirectory}. */
    @Parameter(property = "lmsdb.backupDirectory", defaultValue = "${project.basedir}/backups")
    protected File backupDirectory;

    /**
     * The environment: {@code development}, {@code staging} or {@code production}.
     * Also settable with {@code -Dlmsdb.env}.
     */
    @Parameter(property = "lmsdb.env", defaultValue = "development")
    protected String environment;

    /** Seconds to wait for the server to answer. Also settable with {@code -Dlmsdb.connectTimeout}. */
    @Parameter(property = "lmsdb.connectTimeout", defaultValue = "10")
    protected int connectTimeout;

    /**
     * Run against an embedded PostgreSQL (started once per build, data kept in
     * {@code embeddedDataDirectory}) instead of the server in {@code url}; the database name of
     * {@code url} is kept and created when missing. Also settable with {@code -Dlmsdb.embedded}.
     */
    @Parameter(property = "lmsdb.embedded", defaultValue = "false")
    protected boolean embedded;

    /**
     * The embedded PostgreSQL: a major (15, 16, 17, 18) or a full zonky binaries version. The default,
     * 15, is one that Debian 12's pg_dump can back up. Also settable with {@code -Dlmsdb.embeddedVersion}.
     */
    @Parameter(property = "lmsdb.embeddedVersion", defaultValue = EmbeddedBinaries.DEFAULT_VERSION)
    protected String embeddedVersion;

    /** The embedded server's data; it survives between builds until {@code mvn clean}. Also settable with {@code -Dlmsdb.embeddedDataDirectory}. */
    @Parameter(property = "lmsdb.embeddedDataDirectory", defaultValue = "${project.build.directory}/lmsdb/postgres")
    protected File embeddedDataDirectory;

    /** The embedded server's port; 0 picks a free one. Also settable with {@code -Dlmsdb.embeddedPort}. */
    @Parameter(property = "lmsdb.embeddedPort", defaultValue = "0")
    protected int embeddedPort;

    /** Skip this goal. Also settable with {@code -Dlmsdb.skip}. */
    @Parameter(property = "lmsdb.skip", defaultValue = "false")
    protected boolean skip;

    /**
     * The directory of pg_dump, pg_restore and psql; by default PATH, then the usual install places,
     * picking a version equal to or newer than the server's. Also settable with {@code -Dlmsdb.pgBinDirectory}.
     */
    @Parameter(property = "lmsdb.pgBinDirectory")
    protected File pgBinDirectory;

    /** Minutes a pg_dump, pg_restore or psql run may take before it is stopped. Also settable with {@code -Dlmsdb.toolTimeout}. */
    @Parameter(property = "lmsdb.toolTimeout", defaultValue = "60")
    protected int toolTimeout;

    /**
     * Also append each audit record, as one JSON line, to this local file. Also settable with
     * {@code -Dlmsdb.auditFile}.
     */
    @Parameter(property = "lmsdb.auditFile")
    protected File auditFile;

    @Parameter(defaultValue = "${plugin}", readonly = true)
    protected PluginDescriptor pluginDescriptor;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    private final SettingsDecrypter decrypter;
    private final RepositorySystem repositorySystem;
    protected final EmbeddedServers embeddedServers;

    protected AbstractLmsdbMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        this.decrypter = decrypter;
        this.repositorySystem = repositorySystem;
        this.embeddedServers = embeddedServers;
    }

    /**
     * A build failure that says what happened and what to do. The cause goes to the debug log
     * ({@code -X}) only: Maven would otherwise append its message to ours.
     */
    static MojoFailureException failure(LmsdbException e, org.apache.maven.plugin.logging.Log log) {
        if (e.getCause() != null && log.isDebugEnabled()) {
            log.debug("Cause of the failure below", e.getCause());
        }
        return new MojoFailureException(e.describe(MavenWords.INSTANCE));
    }

    private MojoFailureException failure(LmsdbException e) {
        return failure(e, getLog());
    }

    /** Where goals that must not hold a connection to the target database connect instead. */
    protected static final String MAINTENANCE_DATABASE = "postgres";

    /** The resolved settings, pointing at the target database even when the goal connected elsewhere. */
    protected Settings targetSettings;

    /** False for goals that replace the target database (restore), which connect to the maintenance database. */
    protected boolean opensTargetDatabase() {
        return true;
    }

    /** Whether this goal uses the embedded server whatever {@code embedded} says ({@code lmsdb:start}). */
    protected boolean alwaysEmbedded() {
        return false;
    }

    /** The goal itself, with a connected {@link Lmsdb}. */
    protected abstract void run(Lmsdb lmsdb) throws LmsdbException, SQLException, MojoFailureException;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping: lmsdb.skip is true.");
            return;
        }
        try {
            Settings settings = resolveSettings();
            settings = useEmbeddedServerIfAsked(settings);
            targetSettings = settings;
            ConnectionSettings c = settings.connection();
            Settings opened = opensTargetDatabase() ? settings : settings.withConnection(c.withUrl(c.url().withDatabase(MAINTENANCE_DATABASE)));
            try (Lmsdb lmsdb = Lmsdb.open(opened)) {
                run(lmsdb);
            }
        } catch (LmsdbException e) {
            throw failure(e);
        } catch (SQLException e) {
            throw new MojoExecutionException("Unexpected database error (SQL state " + e.getSQLState() + "): " + e.getMessage(), e);
        }
    }

    /** POM and {@code -D} parameters, then the settings.xml server, then PGPASSWORD and ~/.pgpass. */
    protected Settings resolveSettings() throws LmsdbException {
        Environment env = Environment.parse(environment);
        JdbcUrl jdbcUrl = JdbcUrl.parse(url);
        if (connectTimeout <= 0) {
            throw new LmsdbException(
                    "Invalid connectTimeout " + connectTimeout + ": it must be a number of seconds above 0.",
                    "  Set it with -Dlmsdb.connectTimeout=10");
        }
        String serverUser = null;
        String serverPassword = null;
        if (serverId != null && !serverId.isBlank()) {
            Server server = session.getSettings().getServer(serverId);
            if (server == null) {
                throw new LmsdbException(
                        "No <server> with id '" + serverId + "' in settings.xml.",
                        "  Add <server><id>" + serverId + "</id><username>...</username><password>...</password></server> to "
                                + "~/.m2/settings.xml (encrypt the password with mvn --encrypt-password), or drop -Dlmsdb.serverId.");
            }
            SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            for (SettingsProblem problem : decrypted.getProblems()) {
                if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                    throw new LmsdbException(
                            "Cannot decrypt the password of settings.xml server '" + serverId + "': " + problem.getMessage(),
                            "  Check ~/.m2/settings-security.xml, or re-encrypt it with mvn --encrypt-password.");
                }
            }
            serverUser = decrypted.getServer().getUsername();
            serverPassword = decrypted.getServer().getPassword();
        }
        boolean userGiven = user != null && !user.isBlank();
        Credentials.Resolved credentials = Credentials.resolve(
                userGiven ? user : (serverUser != null ? serverUser : "postgres"),
                userGiven,
                password == null || password.isEmpty() ? null : password.reveal(),
                serverId,
                serverUser,
                serverPassword,
                System.getenv("PGPASSWORD"),
                PgPassFile.defaultLocation(System.getenv("PGPASSFILE"), System.getProperty("user.home")),
                jdbcUrl);
        ConnectionSettings connection = new ConnectionSettings(
                jdbcUrl, credentials.user(), credentials.password(), credentials.source(), serverId, Duration.ofSeconds(connectTimeout));
        List<String> schemaList = schemas == null || schemas.isEmpty() ? List.of("public") : schemas.stream().map(String::trim).toList();
        return new Settings(connection, schemaList, migrationsDirectory.toPath(), seedsDirectory.toPath(), schemaDirectory.toPath(),
                backupDirectory.toPath(), env, embedded);
    }

    /**
     * With {@code embedded} on (or a server started by {@code lmsdb:start} earlier in this build),
     * the connection goes to the embedded server, as its superuser, to the database named in the URL.
     */
    protected Settings useEmbeddedServerIfAsked(Settings settings) throws LmsdbException {
        if (!embedded && !alwaysEmbedded() && !embeddedServers.isRunning(embeddedDataDirectory.toPath())) {
            return settings;
        }
        EmbeddedServer server = startEmbedded();
        ConnectionSettings c = settings.connection();
        ConnectionSettings local = new ConnectionSettings(
                c.url().at(server.host(), server.port()), EmbeddedServer.SUPERUSER, null, PasswordSource.NONE, null, c.connectTimeout());
        try {
            if (server.ensureDatabase(c.url().database())) {
                getLog().info("Created database " + c.url().database() + " on the embedded server.");
            }
        } catch (SQLException e) {
            throw new LmsdbException("Cannot create database '" + c.url().database() + "' on the embedded server: " + e.getMessage(),
                    "  Check the database name in -Dlmsdb.url.", e);
        }
        return new Settings(local, settings.schemas(), settings.migrationsDirectory(), settings.seedsDirectory(),
                settings.schemaDirectory(), settings.backupDirectory(), settings.environment(), true);
    }

    /** Starts the embedded server for this build, or returns the one already running. */
    protected EmbeddedServer startEmbedded() throws LmsdbException {
        String version = EmbeddedBinaries.fullVersion(embeddedVersion);
        EmbeddedServers.Started started = embeddedServers.obtain(
                embeddedDataDirectory.toPath(),
                () -> BinariesResolver.resolve(repositorySystem, session.getRepositorySession(), project.getRemoteProjectRepositories(), version),
                embeddedPort);
        if (started.startedNow()) {
            getLog().info("Embedded PostgreSQL " + version + " started on " + started.server().host() + ":" + started.server().port()
                    + " (data: " + relative(embeddedDataDirectory) + ")");
        }
        return started.server();
    }

    /** A path relative to the project, for short log lines. */
    protected String relative(File file) {
        try {
            return project.getBasedir().toPath().relativize(file.toPath()).toString();
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }

    /** Colour and symbols only in an interactive build on a console that supports them. */
    protected Style style() {
        boolean color = session.getRequest().isInteractiveMode()
                && System.console() != null
                && System.getenv("NO_COLOR") == null
                && !"dumb".equals(System.getenv("TERM"))
                && !"never".equalsIgnoreCase(System.getProperty("style.color", "auto"));
        return color ? Style.ANSI : Style.PLAIN;
    }

    /** Logs a report line by line through Maven's log. */
    protected void print(List<String> lines) {
        for (String line : lines) {
            getLog().info(line);
        }
    }

    /** Backups and restores of the target database, with this build's tools and timeout. */
    protected BackupService backups(Settings settings) {
        return new BackupService(settings.connection(), settings.schemas(), settings.backupDirectory(),
                pgBinDirectory == null ? null : pgBinDirectory.toPath(), Duration.ofMinutes(Math.max(1, toolTimeout)),
                settings.environment(), Clock.systemUTC());
    }

    /** Prints backup progress lines as pg_dump writes. */
    protected BackupListener backupProgress() {
        return new BackupListener() {
            @Override
            public void progress(long bytes, Duration elapsed) {
                getLog().info(BackupRenderer.progress(bytes, elapsed));
            }

            @Override
            public void step(String text) {
                getLog().info(text);
            }
        };
    }

    /** A change to the database, run under {@link #audited}. */
    protected interface Change<T> {
        T run() throws LmsdbException, SQLException;
    }

    /**
     * Runs a change and appends its audit record (success or failure) to {@code lmsdb_audit} of
     * {@code target}, and to {@code auditFile}. In production the audit table must be writable
     * before anything changes, and a record that cannot be written fails the goal.
     */
    protected <T> T audited(Lmsdb target, String goal, Map<String, String> parameters, Change<T> change) throws LmsdbException, SQLException {
        Environment env = target.settings().environment();
        if (Policy.auditRequired(env)) {
            try {
                AuditLog.ensureTables(target.gateway().connection());
            } catch (SQLException e) {
                throw new LmsdbException("Cannot write the audit log (schema " + AuditLog.SCHEMA + ") in production: "
                        + e.getMessage().lines().findFirst().orElse("") + ". Nothing was changed.",
                        "  Grant the user CREATE on the database, or create it once as an owner: create schema " + AuditLog.SCHEMA
                                + " authorization " + target.settings().connection().user() + ";", e);
            }
        }
        String before = latestVersion(target);
        long start = System.nanoTime();
        T result;
        try {
            result = change.run();
        } catch (LmsdbException | SQLException | RuntimeException e) {
            writeAudit(target, goal, parameters, "failure", start, before, e.getMessage(), false);
            throw e;
        }
        writeAudit(target, goal, parameters, "success", start, before, null, Policy.auditRequired(env));
        return result;
    }

    /** Appends an audit record for a change run outside {@link #audited} (restore, whose target is replaced mid-goal). */
    protected void writeAudit(Lmsdb target, String goal, Map<String, String> parameters, String outcome, long start, String before,
            String message, boolean required) throws LmsdbException {
        Settings s = target.settings();
        AuditRecord record = new AuditRecord(Instant.now(), goal, s.environment().id(), s.connection().user(),
                System.getProperty("user.name"), hostName(), pluginDescriptor == null ? "unknown" : pluginDescriptor.getVersion(),
                parameters, outcome, Duration.ofNanos(System.nanoTime() - start), before, latestVersion(target),
                message == null ? null : message.lines().findFirst().orElse(""));
        try {
            AuditLog.append(target.gateway().connection(), record, auditFile == null ? null : auditFile.toPath());
        } catch (LmsdbException | SQLException e) {
            if (required) {
                throw new LmsdbException("The " + goal + " succeeded, but its audit record could not be written: " + e.getMessage()
                        + ". In production that fails the build.", "  Make schema " + AuditLog.SCHEMA + " writable for "
                        + s.connection().user() + (auditFile == null ? "" : " and " + auditFile + " writable") + ".", e);
            }
            getLog().warn("The audit record of this " + goal + " could not be written: " + e.getMessage());
        }
    }

    protected static String latestVersion(Lmsdb target) {
        try {
            return target.migrations().status().last().map(MigrationEntry::version).orElse(null);
        } catch (LmsdbException | RuntimeException e) {
            return null;
        }
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /**
     * Stamps the database with this run's environment, never lowering a more protected stamp:
     * a development run against a production database by mistake must not unprotect it.
     */
    protected void stampEnvironment(Lmsdb target, String goal, boolean mayLower) throws SQLException {
        java.sql.Connection c = target.gateway().connection();
        Environment env = target.settings().environment();
        AuditLog.Stamp current = AuditLog.stamp(c);
        if (!mayLower && current != null) {
            try {
                if (Environment.parse(current.environment()).ordinal() > env.ordinal()) {
                    return;
                }
            } catch (LmsdbException unknown) {
                // an unknown stamp is replaced
            }
        }
        AuditLog.stamp(c, env.id(), goal);
    }

    /** Refuses a destructive goal on a database stamped with a more protected environment. */
    protected void refuseIfProtected(Lmsdb target, Operation operation) throws LmsdbException, SQLException {
        Policy.refuseProtected(target.settings().environment(), operation, target.settings().connection().url().database(),
                AuditLog.stamp(target.gateway().connection()));
    }

    /**
     * The backup the environment asks for before {@code operation}: none, best effort (a failure
     * warns), or required (a failure stops the goal before it changes anything).
     */
    protected void backupBefore(Settings target, Operation operation, boolean backupParameter) throws LmsdbException, SQLException {
        Policy.BackupRule rule = Policy.backupBefore(target.environment(), operation, backupParameter);
        if (rule == Policy.BackupRule.SKIP) {
            return;
        }
        if (!backupParameter) {
            getLog().info("-Dlmsdb.backup=false is ignored in " + target.environment().id() + ": a backup is always taken first.");
        }
        getLog().info("Backing up " + target.connection().url().database() + " before the " + operation.label() + "...");
        try {
            BackupResult result = backups(target).backup(new BackupService.Options(BackupFormat.CUSTOM, null, 1, null), backupProgress());
            getLog().info("  Saved to " + result.file());
        } catch (LmsdbException e) {
            if (rule == Policy.BackupRule.REQUIRED) {
                throw new LmsdbException("The backup before the " + operation.label() + " failed, and in " + target.environment().id()
                        + " that stops it: nothing was changed. " + e.getMessage(), e.hint(), e);
            }
            getLog().warn("The backup before the " + operation.label() + " failed (" + e.getMessage().lines().findFirst().orElse("")
                    + "); going on. To skip it: -Dlmsdb.backup=false");
        }
    }

    /** A console prompt in an interactive build; nothing in batch mode, where {@code -Dlmsdb.confirm} answers. */
    protected Confirmation.Prompt prompt() {
        return question -> {
            java.io.Console console = System.console();
            if (!session.getRequest().isInteractiveMode() || console == null) {
                return java.util.Optional.empty();
            }
            String answer = console.readLine("%s", question);
            return java.util.Optional.ofNullable(answer);
        };
    }

    /** A listener that prints migration progress as it happens; {@code reverting} for rollbacks. */
    protected MigrationListener progress(Style style, boolean reverting) {
        return new MigrationListener() {
            @Override
            public void waiting(String message) {
                getLog().info(message);
            }

            @Override
            public void planned(List<MigrationEntry> pending) {
                print(MigrationRenderer.planned(pending));
            }

            @Override
            public void started(int index, int total, MigrationEntry migration) {
                getLog().info(reverting ? MigrationRenderer.reverting(index, total, migration)
                        : MigrationRenderer.started(index, total, migration));
            }

            @Override
            public void completed(int index, int total, MigrationEntry migration, Duration took) {
                getLog().info(reverting ? MigrationRenderer.reverted(migration, took, style)
                        : MigrationRenderer.completed(migration, took, style));
            }
        };
    }

    /** Lower-cased, trimmed parameter value, for parsing choices. */
    protected static String choice(String value) {
        return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    }
}
