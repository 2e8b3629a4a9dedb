package io.github.lmsdb.core.generate;

import io.github.lmsdb.core.catalog.Catalog;
import io.github.lmsdb.core.catalog.Scope;
import io.github.lmsdb.core.catalog.UnreadObjects;
import io.github.lmsdb.core.db.ShadowDatabase;
import io.github.lmsdb.core.db.ShadowServer;
import io.github.lmsdb.core.schema.Change;
import io.github.lmsdb.core.schema.DdlWriter;
import io.github.lmsdb.core.schema.Hazard;
import io.github.lmsdb.core.schema.NotCompared;
import io.github.lmsdb.core.schema.SchemaDiff;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.db.RowCounter;
import io.github.lmsdb.core.migrate.MigrationEntry;
import io.github.lmsdb.core.migrate.MigrationFiles;
import io.github.lmsdb.core.migrate.MigrationListener;
import io.github.lmsdb.core.migrate.MigrationService;
import io.github.lmsdb.core.sql.ScriptBatch;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Compares the declared schema with the database (or with the migrations replayed) and writes the
 * migration that closes the gap, with its undo script, after checking on shadow databases that
 * the migration really produces the declared schema and the undo really restores the current one.
 */
public final class GenerateService {
    private final DatabaseGateway current;
    private final List<String> schemas;
    private final Path migrationsDirectory;
    private final DesiredSchema desired;

    /**
     * Where the shadow databases go, asked after the checks that need none (so a local server can start meanwhile).
     */
    public interface Shadows {
        /** The server to build them on. */
        ShadowServer primary() throws LmsdbException;

        /** Whether the target's server may take them when {@link #primary} lacks what the target has (its user may create databases). */
        boolean targetsMayHoldThem() throws LmsdbException, SQLException;

        /** Frees what {@link #primary} set up for the run (a tablespace in memory), once its shadow databases are dropped. */
        default void close() {}

        /** Always on this server, nowhere else. */
        static Shadows on(ShadowServer server) {
            return new Shadows() {
                @Override
                public ShadowServer primary() {
                    return server;
                }

                @Override
                public boolean targetsMayHoldThem() {
                    return false;
                }
            };
        }
    }

    public GenerateService(DatabaseGateway current, List<String> schemas, Path migrationsDirectory, DesiredSchema desired) {
        this.current = current;
        this.schemas = List.copyOf(schemas);
        this.migrationsDirectory = migrationsDirectory;
        this.desired = desired;
    }

    /** As {@link #generate(String, boolean, boolean, boolean, Instant, Shadows)}, the shadows on the target's server. */
    public GenerateResult generate(String name, boolean againstMigrations, boolean allowHazards, boolean write, Instant now)
            throws LmsdbException, SQLException {
        return generate(name, againstMigrations, allowHazards, write, now, Shadows.on(ShadowServer.targets(current.settings(), null)));
    }

    /**
     * @param againstMigrations compare with every migration replayed in a shadow database instead of the configured database
     * @param allowHazards when false, any hazard fails the goal and nothing is written
     * @param write when false (a check), nothing is written even when there are changes
     * @param shadows where the shadow databases are built; when that server lacks what the target has (an extension, a
     *     collation, the major version), on the target's server if it may hold them, else refused
     */
    public GenerateResult generate(String name, boolean againstMigrations, boolean allowHazards, boolean write, Instant now, Shadows shadows)
            throws LmsdbException, SQLException {
        if (write) {
            MigrationFiles.checkName(name);
        }
        desired.check();
        if (!againstMigrations) {
            // Refused before any shadow is built: that can take a while on a large schema.
            List<MigrationEntry> pending = new MigrationService(current, schemas, migrationsDirectory).status().pending();
            if (!pending.isEmpty()) {
                throw new LmsdbException(
                        "The database has " + pending.size() + " pending migration(s) ("
                                + pending.stream().map(MigrationEntry::label).collect(Collectors.joining(", "))
                                + "), so it is not what the migrations build. Nothing was written.",
                        Hint.line("Apply them first (", Hint.run("migrate"), "), or compare with the migrations instead: ",
                                Hint.set("against", "migrations")));
            }
        }
        ShadowServer primary = shadows.primary();
        try {
            return on(primary, name, againstMigrations, allowHazards, write, now);
        } catch (ShadowFit.Unfit unfit) {
            if (!shadows.targetsMayHoldThem()) {
                throw unfit.refusal(primary, ShadowServer.targets(current.settings(), null));
            }
            ShadowServer targets = ShadowServer.targets(current.settings(),
                    "the shadow server " + primary.settings().url().hostAndPort() + " lacks " + unfit.what());
            try {
                return on(targets, name, againstMigrations, allowHazards, write, now);
            } catch (ShadowFit.Unfit impossible) {
                throw new IllegalStateException("the target's own server cannot lack what it has", impossible);
            }
        }
    }

    /** The target's side: its catalog (the database's, or the migrations' replayed) and a shadow holding it, for the self-check. */
    private static final class CurrentSide {
        Catalog catalog;
        Map<String, Integer> unread;
        SchemaDiff.Counts counter;
        String against;
        /**
         * The migrations replayed; or the current schema rebuilt from its catalog, when the self-check needs that (see
         * {@link #selfCheck}); else null. Dropped at the end whatever happens.
         */
        volatile ShadowDatabase shadow;
    }

    private GenerateResult on(ShadowServer site, String name, boolean againstMigrations, boolean allowHazards, boolean write, Instant now)
            throws LmsdbException, SQLException, ShadowFit.Unfit {
        String created = site.targets() ? null : ShadowFit.prepare(current.connection(), site);
        String shadowsLine = site.where() + (created == null ? "" : "; " + created);
        // The target's side (its catalog, or the migrations replayed and read) is made on a second thread while this one builds
        // the declared schema: two sessions, two server processes.
        ExecutorService side = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lmsdb-generate-current");
            t.setDaemon(true);
            return t;
        });
        Future<CurrentSide> pending = side.submit(() -> currentSide(site, againstMigrations));
        CurrentSide cur = null;
        ShadowDatabase desiredDb = null;
        try {
            Catalog target;
            try {
                desiredDb = ShadowDatabase.create(site, "desired", refused(site));
                desired.applyTo(desiredDb.connection());
                target = Catalog.read(desiredDb.connection(), schemas);
            } catch (LmsdbException e) {
                // The declared schema's failure is the one to report; the other thread must be done before the target's
                // connection is used to explain it.
                cur = joinQuietly(pending);
                throw unfitOr(site, e);
            }
            cur = join(pending, "reading the current schema");
            Catalog currentCatalog = cur.catalog;
            List<KeptObjects.Kept> kept = List.of();
            if (!desired.describesEverything()) {
                // Built in the declared shadow too: the self-check's undo must bring that shadow back to the current schema.
                KeptObjects keep = KeptObjects.of(target, currentCatalog);
                apply(desiredDb.connection(), SchemaDiff.diff(target, keep.catalog(), SchemaDiff.Counts.NONE),
                        "the objects the declared schema cannot describe, kept from the current schema");
                target = Catalog.read(desiredDb.connection(), schemas);
                kept = keep.kept();
            }
            Map<String, Integer> unreadTarget = UnreadObjects.count(desiredDb.connection(), Scope.of(schemas));
            List<NotCompared> notCompared = NotCompared.of(currentCatalog, cur.unread, target, unreadTarget);
            List<String> notes = desired.notes();
            List<Change> up = SchemaDiff.diff(currentCatalog, target, cur.counter);
            if (up.isEmpty()) {
                return new GenerateResult(up, null, cur.against, notCompared, notes, kept, shadowsLine);
            }
            if (!allowHazards) {
                List<Hazard> hazards = up.stream().flatMap(c -> c.hazards().stream()).toList();
                if (!hazards.isEmpty()) {
                    throw new LmsdbException("The changes have " + hazards.size() + " hazard(s), and allowHazards is false. Nothing was written.\n"
                            + hazards.stream().map(h -> "  - " + h.describe()).collect(Collectors.joining("\n")),
                            Hint.line("Review them, then run without ", Hint.set("allowHazards", "false"), ", or change the declared schema."));
                }
            }
            List<Change> undo = SchemaDiff.diff(target, currentCatalog, SchemaDiff.Counts.NONE);
            try {
                selfCheck(side, site, desiredDb.connection(), cur, target, unreadTarget, up, undo);
            } catch (LmsdbException e) {
                throw unfitOr(site, e);
            }
            if (!write) {
                return new GenerateResult(up, null, cur.against, notCompared, notes, kept, shadowsLine);
            }
            String header = "Generated by lmsdb:generate from " + desired.describe()
                    + notes.stream().map(n -> "\n" + n).collect(Collectors.joining())
                    + (kept.isEmpty() ? "" : "\nKept, not in the declared schema: " + kept.size() + " objects")
                    + "\nCompared with " + cur.against
                    + "\nChanges: " + SchemaDiff.summary(up)
                    + notCompared.stream().map(n -> "\n" + n.describe()).collect(Collectors.joining());
            String undoHeader = "Undo of the migration generated with it: restores " + cur.against;
            MigrationFiles.Created files = MigrationFiles.write(migrationsDirectory, name, now,
                    DdlWriter.script(header, up), DdlWriter.script(undoHeader, undo));
            return new GenerateResult(up, files, cur.against, notCompared, notes, kept, shadowsLine);
        } finally {
            if (cur == null) {
                cur = joinQuietly(pending);
            }
            // Both shadows are dropped at once: each DROP DATABASE waits for a checkpoint.
            ShadowDatabase other = cur == null ? null : cur.shadow;
            Future<?> dropped = other == null ? null : side.submit(other::close);
            if (desiredDb != null) {
                desiredDb.close();
            }
            joinQuietly(dropped);
            side.shutdown();
        }
    }

    /** Runs on the second thread; the target's connection is used by it alone until it is joined. */
    private CurrentSide currentSide(ShadowServer site, boolean againstMigrations) throws LmsdbException, SQLException {
        CurrentSide side = new CurrentSide();
        if (againstMigrations) {
            side.shadow = ShadowDatabase.create(site, "migrations", refused(site));
            try {
                new MigrationService(side.shadow.gateway(), schemas, migrationsDirectory).migrate(false, false, null, MigrationListener.NONE);
                side.catalog = Catalog.read(side.shadow.connection(), schemas);
                side.unread = UnreadObjects.count(side.shadow.connection(), Scope.of(schemas));
            } catch (LmsdbException | SQLException | RuntimeException e) {
                side.shadow.close();
                throw e;
            }
            side.counter = SchemaDiff.Counts.NONE;
            side.against = "the migrations in " + migrationsDirectory + " (replayed in a shadow database)";
            return side;
        }
        side.catalog = Catalog.read(current.connection(), schemas);
        side.unread = UnreadObjects.count(current.connection(), Scope.of(schemas));
        side.counter = SchemaDiff.Counts.exact(new RowCounter(current.connection()));
        side.against = "database " + current.settings().url().database();
        return side;
    }

    /** Builds the current schema from its catalog in a new shadow database, kept in {@code cur.shadow} (so it is dropped). */
    private Connection rebuildCurrent(ShadowServer site, CurrentSide cur) throws LmsdbException, SQLException {
        cur.shadow = ShadowDatabase.create(site, "current", refused(site));
        Connection c = cur.shadow.connection();
        Catalog fresh = Catalog.read(c, schemas);
        apply(c, SchemaDiff.diff(fresh, cur.catalog, SchemaDiff.Counts.NONE), "the current schema, rebuilt from its catalog");
        expectSame(c, cur.catalog, "the current schema rebuilt in a shadow database");
        return c;
    }

    private static Hint refused(ShadowServer site) {
        return Hint.line("lmsdb:generate builds the schemas it compares in throwaway databases on " + site.where() + ": give "
                + site.settings().user() + " the CREATEDB privilege there (alter role " + site.settings().user()
                + " createdb), or name another server for them: ", Hint.set("shadowUrl", "jdbc:postgresql://<host>:5432/postgres"));
    }

    /** {@code failure} as {@link ShadowFit.Unfit} when it comes from what the shadow server lacks and the target's server has. */
    private LmsdbException unfitOr(ShadowServer site, LmsdbException failure) throws SQLException, LmsdbException, ShadowFit.Unfit {
        if (!site.targets()) {
            java.util.Optional<String> lacks = ShadowFit.explain(current.connection(), site, failure);
            if (lacks.isPresent()) {
                throw new ShadowFit.Unfit(lacks.get());
            }
        }
        return failure;
    }

    /** The other thread's result, or its failure rethrown as it was thrown there. */
    private static <T> T join(Future<T> f, String what) throws LmsdbException, SQLException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LmsdbException l) {
                throw l;
            }
            if (cause instanceof SQLException q) {
                throw q;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static <T> T joinQuietly(Future<T> f) {
        if (f == null) {
            return null;
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null;
        }
    }

    /**
     * The undo script, on the shadow that holds the declared schema, must give exactly the current
     * schema; the migration, on a shadow that holds the current schema, must give exactly the
     * declared schema. Each script is proven on a copy of the schema it will meet, so a statement
     * that only works on the declared side (a missing CREATE SCHEMA) fails the check. Otherwise
     * nothing is written.
     *
     * <p>Which copy of the current schema the migration meets:
     * <ul>
     *   <li>the migrations replayed, when comparing with them (already built, for its catalog): both scripts run at once, each
     *       on its own shadow;</li>
     *   <li>the declared shadow once the undo script has made it equal to the current schema, when the declared shadow holds
     *       nothing the catalog model does not see: no kind it does not read in the managed schemas, nothing outside them
     *       ({@link #holdsOnlyWhatIsCompared}). Then it is the current schema as far as anything can tell, and a second build
     *       of the whole schema (on a large one, as long as the declared build, and beside it on the same CPUs) is saved;</li>
     *   <li>else the current schema rebuilt from its catalog in a shadow of its own (an object of the declared schema that
     *       the model cannot see, and so the undo cannot remove, must not let a migration that needs it pass the check),
     *       built and checked while the undo script is checked.</li>
     * </ul>
     */
    private void selfCheck(ExecutorService side, ShadowServer site, Connection desiredShadow, CurrentSide cur, Catalog target,
            Map<String, Integer> unreadTarget, List<Change> up, List<Change> undo) throws LmsdbException, SQLException {
        boolean onDeclared = cur.shadow == null && unreadTarget.isEmpty() && holdsOnlyWhatIsCompared(desiredShadow, schemas);
        Future<Void> forward = null;
        if (!onDeclared) {
            ShadowDatabase replayed = cur.shadow;
            forward = side.submit(() -> {
                Connection c = replayed != null ? replayed.connection() : rebuildCurrent(site, cur);
                apply(c, up, "the generated migration");
                expectSame(c, target, "the schema after the generated migration");
                return null;
            });
        }
        try {
            apply(desiredShadow, undo, "the generated undo script");
            expectSame(desiredShadow, cur.catalog, "the declared schema after the generated undo script");
        } finally {
            if (forward != null) {
                join(forward, "the migration was checked on the current shadow");
            }
        }
        if (onDeclared) {
            apply(desiredShadow, up, "the generated migration");
            expectSame(desiredShadow, target, "the schema after the generated migration");
        }
    }

    /**
     * Whether a shadow holds nothing outside the managed schemas that a fresh database lacks: no schema, no object in an
     * unmanaged schema (PostgreSQL records a namespace dependency for each), no cast, language, event trigger, foreign
     * data wrapper or server, access method, publication or transform; extension members aside (extensions are compared).
     * What initdb made (information_schema's objects among them) has an OID below 16384, PostgreSQL's first for user
     * objects. One query.
     */
    static boolean holdsOnlyWhatIsCompared(Connection c, List<String> schemas) throws SQLException {
        String sql = """
                select exists (
                    select 1 from pg_depend d join pg_namespace n on n.oid = d.refobjid
                    where d.refclassid = 'pg_namespace'::regclass and d.deptype = 'n' and not n.nspname = any(?) and d.objid >= 16384
                      and not exists (select 1 from pg_depend e where e.classid = d.classid and e.objid = d.objid and e.deptype = 'e')
                    union all
                    select 1 from pg_namespace n where not n.nspname = any(?) and n.oid >= 16384
                      and n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'
                      and not exists (select 1 from pg_depend e where e.classid = 'pg_namespace'::regclass and e.objid = n.oid
                                      and e.deptype = 'e')
                    union all
                    select 1 from (
                        select 'pg_cast'::regclass, oid from pg_cast
                        union all select 'pg_language'::regclass, oid from pg_language
                        union all select 'pg_event_trigger'::regclass, oid from pg_event_trigger
                        union all select 'pg_foreign_data_wrapper'::regclass, oid from pg_foreign_data_wrapper
                        union all select 'pg_foreign_server'::regclass, oid from pg_foreign_server
                        union all select 'pg_am'::regclass, oid from pg_am
                        union all select 'pg_publication'::regclass, oid from pg_publication
                        union all select 'pg_transform'::regclass, oid from pg_transform
                    ) o(classid, oid)
                    where o.oid >= 16384
                      and not exists (select 1 from pg_depend e where e.classid = o.classid and e.objid = o.oid and e.deptype = 'e'))
                """;
        Scope scope = Scope.of(schemas);
        try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            scope.bind(c, ps, 1);
            scope.bind(c, ps, 2);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return !rs.getBoolean(1);
            }
        }
    }

    /**
     * Applies the changes' statements to a shadow database in one transaction, as lmsdb:migrate and lmsdb:rollback run a
     * migration and its undo (sent as batches: fast on a large schema); if that fails, again one by one in one transaction
     * to name the statement. A failure is reported as a bug of the diff (used by generate and by drift's adoption). Never
     * in autocommit: a script that works only there (a new enum value used in the transaction that adds it) would pass
     * here and fail when migrated.
     */
    public static void apply(Connection c, List<Change> changes, String what) throws LmsdbException, SQLException {
        List<String> statements = SchemaDiff.statements(changes);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try {
                ScriptBatch.executeAll(c, statements);
                c.commit();
                return;
            } catch (SQLException inTransaction) {
                c.rollback();
            }
            for (String statement : statements) {
                try (Statement st = c.createStatement()) {
                    st.execute(statement);
                } catch (SQLException e) {
                    c.rollback();
                    throw engineBug("Applying " + what + " to a shadow database, in one transaction as lmsdb:migrate runs it, failed at: "
                            + statement + "\n  " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
            c.commit();
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private void expectSame(Connection c, Catalog expected, String what) throws LmsdbException, SQLException {
        Catalog actual = Catalog.read(c, schemas);
        List<Change> remaining = SchemaDiff.diff(actual, expected, SchemaDiff.Counts.NONE);
        // Column order is not compared: ADD COLUMN appends, and order carries no meaning to queries.
        if (!remaining.isEmpty()) {
            throw engineBug(what + " differs from what it should be:\n" + remaining.stream()
                    .map(ch -> "  - " + (ch.description() == null ? String.join("; ", ch.statements()) : ch.description()))
                    .collect(Collectors.joining("\n")));
        }
    }

    private static LmsdbException engineBug(String detail) {
        return new LmsdbException("The generated migration failed its self-check, so nothing was written. " + detail,
                Hint.line("This is a bug in lmsdb's schema diff: please report it with the declared schema. Meanwhile, write the migration by hand: ",
                        Hint.run("create", Hint.set("name", "<Name>"))));
    }
}
