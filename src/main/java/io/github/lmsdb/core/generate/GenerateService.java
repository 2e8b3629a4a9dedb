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
        /** The migrations replayed, or the current schema rebuilt from its catalog; null when it could not be made. */
        ShadowDatabase shadow;
        /** Why the current schema could not be rebuilt: raised only when a self-check needs that shadow. */
        Exception rebuildFailed;
    }

    private GenerateResult on(ShadowServer site, String name, boolean againstMigrations, boolean allowHazards, boolean write, Instant now)
            throws LmsdbException, SQLException, ShadowFit.Unfit {
        String created = site.targets() ? null : ShadowFit.prepare(current.connection(), site);
        String shadowsLine = site.where() + (created == null ? "" : "; " + created);
        // The target's side (its catalog, then a shadow rebuilt from it) is made on a second thread while this one builds the
        // declared schema: two sessions, two server processes, half the wall time on a large schema.
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
                desiredDb = ShadowDatabase.create(site.settings(), "desired", refused(site));
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
                selfCheck(side, desiredDb.connection(), cur, target, up, undo);
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
            side.shadow = ShadowDatabase.create(site.settings(), "migrations", refused(site));
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
        // Built now, though only a migration needs it: beside the declared schema's build it costs no wall time.
        ShadowDatabase shadow = null;
        try {
            shadow = ShadowDatabase.create(site.settings(), "current", refused(site));
            Connection c = shadow.connection();
            Catalog fresh = Catalog.read(c, schemas);
            apply(c, SchemaDiff.diff(fresh, side.catalog, SchemaDiff.Counts.NONE), "the current schema, rebuilt from its catalog");
            expectSame(c, side.catalog, "the current schema rebuilt in a shadow database");
            side.shadow = shadow;
        } catch (LmsdbException | SQLException e) {
            if (shadow != null) {
                shadow.close();
            }
            side.rebuildFailed = e;
        }
        return side;
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
     * schema; the migration, on a shadow that holds the current schema (the migrations replayed,
     * or the current schema rebuilt from its catalog), must give exactly the declared schema. Each
     * script is proven on a copy of the schema it will meet, so a statement that only works on the
     * declared side (a missing CREATE SCHEMA) fails the check. Otherwise nothing is written. The
     * two run at once, each on its own shadow.
     */
    private void selfCheck(ExecutorService side, Connection desiredShadow, CurrentSide cur, Catalog target, List<Change> up,
            List<Change> undo) throws LmsdbException, SQLException {
        Future<Void> forward = null;
        if (cur.shadow != null) {
            Connection c = cur.shadow.connection();
            forward = side.submit(() -> {
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
        if (cur.rebuildFailed instanceof LmsdbException l) {
            throw l;
        }
        if (cur.rebuildFailed instanceof SQLException q) {
            throw q;
        }
    }

    /**
     * Applies the changes' statements to a shadow database in one transaction (fast on large schemas); if that fails, one by
     * one to name the statement, and a failure is reported as a bug of the diff (used by generate and by drift's adoption).
     */
    public static void apply(Connection c, List<Change> changes, String what) throws LmsdbException, SQLException {
        List<String> statements = SchemaDiff.statements(changes);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            ScriptBatch.executeAll(c, statements);
            c.commit();
            return;
        } catch (SQLException inTransaction) {
            c.rollback();
        } finally {
            c.setAutoCommit(autoCommit);
        }
        for (String statement : statements) {
            try (Statement st = c.createStatement()) {
                st.execute(statement);
            } catch (SQLException e) {
                throw engineBug("Applying " + what + " to a shadow database failed at: " + statement + "\n  "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
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
