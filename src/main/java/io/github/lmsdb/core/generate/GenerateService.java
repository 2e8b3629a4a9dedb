package io.github.lmsdb.core.generate;

import io.github.lmsdb.core.catalog.Catalog;
import io.github.lmsdb.core.catalog.Scope;
import io.github.lmsdb.core.catalog.UnreadObjects;
import io.github.lmsdb.core.db.ShadowDatabase;
import io.github.lmsdb.core.schema.Change;
import io.github.lmsdb.core.schema.DdlWriter;
import io.github.lmsdb.core.schema.Hazard;
import io.github.lmsdb.core.schema.NotCompared;
import io.github.lmsdb.core.schema.SchemaDiff;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.db.RowCounter;
import io.github.lmsdb.core.migrate.MigrationEntry;
import io.github.lmsdb.core.migrate.MigrationFiles;
import io.github.lmsdb.core.migrate.MigrationListener;
import io.github.lmsdb.core.migrate.MigrationService;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Compares the declared schema with the database (or with the migrations replayed) and writes the
 * migration that closes the gap, with its undo script, after checking on shadow databases that
 * the migration really produces the declared schema and the undo really restores the current one.
 */
public final class GenerateService {
    private final DatabaseGateway current;
    private final ConnectionSettings server;
    private final List<String> schemas;
    private final Path migrationsDirectory;
    private final DesiredSchema desired;

    public GenerateService(DatabaseGateway current, List<String> schemas, Path migrationsDirectory, DesiredSchema desired) {
        this.current = current;
        this.server = current.settings();
        this.schemas = List.copyOf(schemas);
        this.migrationsDirectory = migrationsDirectory;
        this.desired = desired;
    }

    /**
     * @param againstMigrations compare with every migration replayed in a shadow database instead of the configured database
     * @param allowHazards when false, any hazard fails the goal and nothing is written
     * @param write when false (a check), nothing is written even when there are changes
     */
    public GenerateResult generate(String name, boolean againstMigrations, boolean allowHazards, boolean write, Instant now)
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
        try (ShadowDatabase desiredDb = ShadowDatabase.create(server, "desired")) {
            desired.applyTo(desiredDb.connection());
            Catalog target = Catalog.read(desiredDb.connection(), schemas);
            Map<String, Integer> unreadCurrent;
            Catalog currentCatalog;
            SchemaDiff.Counts counter;
            String against;
            ShadowDatabase replayed = null;
            try {
                if (againstMigrations) {
                    replayed = ShadowDatabase.create(server, "migrations");
                    new MigrationService(replayed.gateway(), schemas, migrationsDirectory).migrate(false, false, null, MigrationListener.NONE);
                    currentCatalog = Catalog.read(replayed.connection(), schemas);
                    unreadCurrent = UnreadObjects.count(replayed.connection(), Scope.of(schemas));
                    counter = SchemaDiff.Counts.NONE;
                    against = "the migrations in " + migrationsDirectory + " (replayed in a shadow database)";
                } else {
                    currentCatalog = Catalog.read(current.connection(), schemas);
                    unreadCurrent = UnreadObjects.count(current.connection(), Scope.of(schemas));
                    counter = SchemaDiff.Counts.exact(new RowCounter(current.connection()));
                    against = "database " + server.url().database();
                }
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
                List<NotCompared> notCompared = NotCompared.of(currentCatalog, unreadCurrent, target, unreadTarget);
                List<String> notes = desired.notes();
                List<Change> up = SchemaDiff.diff(currentCatalog, target, counter);
                if (up.isEmpty()) {
                    return new GenerateResult(up, null, against, notCompared, notes, kept);
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
                selfCheck(desiredDb.connection(), replayed, currentCatalog, target, up, undo);
                if (!write) {
                    return new GenerateResult(up, null, against, notCompared, notes, kept);
                }
                String header = "Generated by lmsdb:generate from " + desired.describe()
                        + notes.stream().map(n -> "\n" + n).collect(Collectors.joining())
                        + (kept.isEmpty() ? "" : "\nKept, not in the declared schema: " + kept.size() + " objects")
                        + "\nCompared with " + against
                        + "\nChanges: " + SchemaDiff.summary(up)
                        + notCompared.stream().map(n -> "\n" + n.describe()).collect(Collectors.joining());
                String undoHeader = "Undo of the migration generated with it: restores " + against;
                MigrationFiles.Created files = MigrationFiles.write(migrationsDirectory, name, now,
                        DdlWriter.script(header, up), DdlWriter.script(undoHeader, undo));
                return new GenerateResult(up, files, against, notCompared, notes, kept);
            } finally {
                if (replayed != null) {
                    replayed.close();
                }
            }
        }
    }

    /**
     * The undo script, on the shadow that holds the declared schema, must give exactly the current
     * schema; the migration, on a shadow that holds the current schema (the migrations replayed,
     * or the current schema rebuilt from its catalog), must give exactly the declared schema. Each
     * script is proven on a copy of the schema it will meet, so a statement that only works on the
     * declared side (a missing CREATE SCHEMA) fails the check. Otherwise nothing is written.
     */
    private void selfCheck(Connection desiredShadow, ShadowDatabase replayed, Catalog currentCatalog, Catalog target, List<Change> up,
            List<Change> undo) throws LmsdbException, SQLException {
        apply(desiredShadow, undo, "the generated undo script");
        expectSame(desiredShadow, currentCatalog, "the declared schema after the generated undo script");
        if (replayed != null) {
            apply(replayed.connection(), up, "the generated migration");
            expectSame(replayed.connection(), target, "the schema after the generated migration");
            return;
        }
        try (ShadowDatabase currentShadow = ShadowDatabase.create(server, "current")) {
            Connection c = currentShadow.connection();
            Catalog fresh = Catalog.read(c, schemas);
            apply(c, SchemaDiff.diff(fresh, currentCatalog, SchemaDiff.Counts.NONE), "the current schema, rebuilt from its catalog");
            expectSame(c, currentCatalog, "the current schema rebuilt in a shadow database");
            apply(c, up, "the generated migration");
            expectSame(c, target, "the schema after the generated migration");
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
        try (Statement st = c.createStatement()) {
            for (String statement : statements) {
                st.execute(statement);
            }
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
