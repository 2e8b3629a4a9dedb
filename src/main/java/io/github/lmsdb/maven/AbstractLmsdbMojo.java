package io.github.lmsdb.maven;

import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.app.RunContext;
import io.github.lmsdb.core.config.Settings;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.report.Style;
import java.io.File;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * What every lmsdb goal shares: its configuration, and the five steps of {@link #execute()}: honour
 * {@code skip}, resolve the settings, open {@link Lmsdb} (starting the embedded server when asked),
 * run the goal, and translate its failure. No safety rule lives here: they are the core's.
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
    @Parameter(property = "lmsdb.embeddedVersion", defaultValue = io.github.lmsdb.core.db.EmbeddedBinaries.DEFAULT_VERSION)
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

    /**
     * A fleet: run {@code status}, {@code migrate}, {@code drift} or {@code backup} on each of these databases (JDBC URLs) instead of {@code url}; each gets
     * its own credentials (see {@code serverId}). Other goals refuse a fleet. Also settable with
     * {@code -Dlmsdb.targets=jdbc:postgresql://db1/app,jdbc:postgresql://db2/app}.
     */
    @Parameter(property = "lmsdb.targets")
    protected List<String> targets;

    /**
     * A fleet from a read-only query run on {@code url} (the registry database): its first column holds JDBC URLs, or the
     * names of schemas of {@code url}'s database. Also settable with {@code -Dlmsdb.targetsQuery}.
     */
    @Parameter(property = "lmsdb.targetsQuery")
    protected String targetsQuery;

    /**
     * A fleet of the schemas of {@code url}'s database whose names match this {@code LIKE} pattern, e.g. {@code tenant_%}:
     * each schema holds its own migration history and tables. Also settable with {@code -Dlmsdb.targetSchemas}.
     */
    @Parameter(property = "lmsdb.targetSchemas")
    protected String targetSchemas;

    /**
     * On a fleet: how many targets are worked on at once (pre-flight, status, each wave of a migrate), and so the bound on
     * open connections; schema targets of one database too (the migration lock is per schema). Also settable with {@code -Dlmsdb.parallel}.
     */
    @Parameter(property = "lmsdb.parallel", defaultValue = "4")
    protected int parallel;

    /**
     * On a fleet migrate: the targets migrated first, alone, before any wave (names as the fleet shows them, or a database or
     * schema name); by default the first target to migrate. A failed canary stops the run. Also settable with {@code -Dlmsdb.canary}.
     */
    @Parameter(property = "lmsdb.canary")
    protected List<String> canary;

    /**
     * On a fleet migrate: {@code halt} (no later wave starts after a failed target) or {@code continue} (the others are
     * migrated; see {@code maxFailures}). Also settable with {@code -Dlmsdb.onError}.
     */
    @Parameter(property = "lmsdb.onError", defaultValue = "halt")
    protected String onError;

    /** On a fleet migrate with {@code onError=continue}: halt after this many failed targets; 0 is no limit. Also settable with {@code -Dlmsdb.maxFailures}. */
    @Parameter(property = "lmsdb.maxFailures", defaultValue = "0")
    protected int maxFailures;

    /**
     * How a report is written: {@code text}, or {@code json} (one document, for pipelines) for status, drift, lint and a
     * fleet's per-target report; lint also {@code sarif} (SARIF 2.1.0). Without {@code output}, a JSON or SARIF document goes
     * to standard output whatever the log level. Also settable with {@code -Dlmsdb.format}.
     */
    @Parameter(property = "lmsdb.format", defaultValue = "text")
    protected String format;

    /**
     * Also check for drift (see {@code lmsdb:drift}: the applied migrations replayed in a shadow database and compared with
     * the database): {@code status} gets a drift line (a drift column on a fleet); a fleet {@code migrate}'s pre-flight refuses
     * a drifted target. Also settable with {@code -Dlmsdb.checkDrift}.
     */
    @Parameter(property = "lmsdb.checkDrift", defaultValue = "false")
    protected boolean checkDrift;

    /** Write the report (status, drift, lint, a fleet's) to this file instead of the log or standard output. Also settable with {@code -Dlmsdb.output}. */
    @Parameter(property = "lmsdb.output")
    protected File output;

    @Parameter(defaultValue = "${plugin}", readonly = true)
    protected PluginDescriptor pluginDescriptor;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    protected MojoExecution mojoExecution;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    private final SettingsDecrypter decrypter;
    final RepositorySystem repositorySystem;
    protected final EmbeddedServers embeddedServers;
    private MavenConsole console;

    protected AbstractLmsdbMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        this.decrypter = decrypter;
        this.repositorySystem = repositorySystem;
        this.embeddedServers = embeddedServers;
    }

    /** A build failure that says what happened and what to do; the cause goes to the debug log only. */
    static MojoFailureException failure(LmsdbException e, org.apache.maven.plugin.logging.Log log) {
        if (e.getCause() != null && log.isDebugEnabled()) {
            log.debug("Cause of the failure below", e.getCause());
        }
        return new MojoFailureException(e.describe(MavenWords.INSTANCE));
    }

    /** Whether this goal uses the embedded server whatever {@code embedded} says ({@code lmsdb:start}). */
    protected boolean alwaysEmbedded() {
        return false;
    }

    /** Whether this goal only previews (its prompt-free reports say so). */
    protected boolean previewOnly() {
        return false;
    }

    /** The goal itself. */
    protected abstract void run(Lmsdb lmsdb) throws LmsdbException, SQLException;

    /** The goal on a fleet; goals that work on one database at a time refuse it. */
    protected void runFleet(FleetRunner fleet) throws LmsdbException {
        throw new LmsdbException("lmsdb:" + fleet.goal() + " works on one database at a time; a fleet (targets, targetsQuery, targetSchemas) "
                + "is for status, migrate, drift and backup. Nothing was changed.", Hint.line("Name one database: ", Hint.set("url", "<its url>")));
    }

    /** How many automatic backups a goal that changes the database keeps; goals that take none keep the default. */
    protected int keepAutomatic() {
        return io.github.lmsdb.core.backup.BackupService.Options.DEFAULT_KEEP_AUTOMATIC;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping: lmsdb.skip is true.");
            return;
        }
        try {
            StrictInput.check(mojoExecution, pluginDescriptor, session.getUserProperties());
            Settings settings = TargetSettings.embeddedIfAsked(this, TargetSettings.resolve(this, decrypter));
            String goal = mojoExecution == null ? "run" : mojoExecution.getGoal();
            RunContext context = new RunContext(goal, pluginDescriptor == null ? "unknown" : pluginDescriptor.getVersion(),
                    RunContext.newRunId(), auditFile == null ? null : auditFile.toPath(), pgBinDirectory == null ? null : pgBinDirectory.toPath(),
                    Duration.ofMinutes(Math.max(1, toolTimeout)), keepAutomatic());
            if (FleetTargets.given(this)) {
                runFleet(new FleetRunner(this, FleetTargets.resolve(this, decrypter, settings), context));
                return;
            }
            try (Lmsdb lmsdb = new Lmsdb(settings, context, console()).shadowServers(major -> TargetSettings.embeddedShadow(this, major))) {
                run(lmsdb);
            }
        } catch (LmsdbException e) {
            throw failure(e, getLog());
        } catch (SQLException e) {
            throw new MojoExecutionException("Unexpected database error (SQL state " + e.getSQLState() + "): " + e.getMessage(), e);
        }
    }

    /** A path relative to the project, for short log lines. */
    protected String relative(File file) {
        try {
            return project.getBasedir().toPath().relativize(file.toPath()).toString();
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }

    /** The console of this goal: Maven's log, its words, colour only on an interactive console. */
    protected MavenConsole console() {
        if (console == null) {
            boolean interactive = session.getRequest().isInteractiveMode();
            boolean color = interactive && System.console() != null && System.getenv("NO_COLOR") == null
                    && !"dumb".equals(System.getenv("TERM")) && !"never".equalsIgnoreCase(System.getProperty("style.color", "auto"));
            console = new MavenConsole(getLog(), color ? Style.ANSI : Style.PLAIN, interactive, project.getBasedir().toPath(), previewOnly());
        }
        return console;
    }

    /** Logs report lines through Maven's log. */
    protected void print(List<String> lines) {
        console().print(lines);
    }

    /** Lower-cased, trimmed parameter value, for parsing choices. */
    protected static String choice(String value) {
        return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    }
}
