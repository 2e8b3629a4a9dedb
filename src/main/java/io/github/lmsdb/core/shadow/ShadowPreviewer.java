package io.github.lmsdb.core.shadow;

import io.github.lmsdb.core.backup.SchemaCopy;
import io.github.lmsdb.core.catalog.Catalog;
import io.github.lmsdb.core.catalog.CatalogDelta;
import io.github.lmsdb.core.catalog.CatalogReader;
import io.github.lmsdb.core.catalog.SchemaChange;
import io.github.lmsdb.core.catalog.SchemaObject;
import io.github.lmsdb.core.catalog.Scope;
import io.github.lmsdb.core.config.ConnectionSettings;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.migrate.MigrationEntry;
import io.github.lmsdb.core.migrate.Placeholders;
import io.github.lmsdb.core.migrate.Preview;
import io.github.lmsdb.core.migrate.Previewer;
import io.github.lmsdb.core.sql.ScriptExecutor;
import io.github.lmsdb.core.sql.ScriptFailure;
import io.github.lmsdb.core.sql.SqlScript;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Previews scripts on a {@link ShadowCopy} of the target, never on the target: each script in its
 * own transaction on the shadow, statement by statement, noting after each statement the locks it
 * took on the target's tables (from {@code pg_locks} of the shadow session) and the tables it
 * rewrote (their {@code relfilenode} changed); then the catalog delta. The target is only read:
 * its schema (pg_dump), its history rows, its table sizes, and bounded counts of what is dropped.
 */
public final class ShadowPreviewer implements Previewer {
    /** pg_locks' relation lock modes, weakest first. */
    private static final List<String> MODES = List.of("AccessShareLock", "RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock",
            "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock");

    private final DatabaseGateway target;
    private final List<String> schemas;
    private final Scope scope;
    private final ConnectionSettings shadowServer;
    private final SchemaCopy copy;

    /**
     * @param target the database previewed, only read
     * @param shadowServer where the shadow copy is made, or null for the target's server
     */
    public ShadowPreviewer(DatabaseGateway target, List<String> schemas, ConnectionSettings shadowServer, SchemaCopy copy) {
        this.target = target;
        this.schemas = List.copyOf(schemas);
        this.scope = Scope.of(schemas);
        this.shadowServer = shadowServer;
        this.copy = copy;
    }

    @Override
    public List<Preview> preview(List<MigrationEntry> migrations, List<Path> scripts, Placeholders placeholders, boolean countLoss)
            throws LmsdbException, SQLException {
        if (scripts.isEmpty()) {
            return List.of();
        }
        TargetTables tables = TargetTables.read(target.connection(), scope);
        List<Preview> previews;
        List<String> texts = new ArrayList<>();
        try (ShadowCopy shadow = ShadowCopy.create(target, schemas, shadowServer, copy)) {
            previews = run(shadow.connection(), migrations, scripts, placeholders, countLoss, tables, texts);
        }
        // Lint reads what was observed and the target's sizes: no second run, and the shadow is already gone.
        Linter linter = new Linter(tables);
        List<Preview> linted = new ArrayList<>();
        for (int i = 0; i < previews.size(); i++) {
            Preview p = previews.get(i);
            linted.add(p.withFindings(linter.lint(new Linter.Input(p.migration(), scripts.get(i), p, texts.get(i)))));
        }
        return linted;
    }

    /**
     * Runs the scripts on the shadow; {@code texts} receives each script's text as it ran (placeholders expanded, as migrate
     * expands them; {@code ${flyway:database}} names the shadow, so a script that alters its database alters the shadow),
     * or as it is written when a placeholder has no value.
     */
    private List<Preview> run(Connection shadow, List<MigrationEntry> migrations, List<Path> scripts, Placeholders placeholders,
            boolean countLoss, TargetTables tables, List<String> texts) throws LmsdbException, SQLException {
        List<Preview> previews = new ArrayList<>();
        ScriptExecutor runner = new ScriptExecutor(shadow, schemas);
        Catalog current = CatalogReader.read(shadow, scope);
        String user = scalar(shadow, "select current_user");
        String database = scalar(shadow, "select current_database()");
        // Every table's file, read once: afterwards only the tables a statement locked can have changed (a rewrite takes
        // ACCESS EXCLUSIVE), so each statement reads those alone. Reading all 10,000 after each statement cost more than
        // the statements (bench/preview-shadow-vs-in-place.sh).
        Map<Long, Relation> known = relations(shadow, null);
        String blocked = null;
        for (int i = 0; i < scripts.size(); i++) {
            MigrationEntry migration = migrations.get(i);
            String file = scripts.get(i).getFileName().toString();
            String raw = ScriptExecutor.read(scripts.get(i));
            String text;
            try {
                text = placeholders.expand(raw, file, user, database);
                texts.add(text);
            } catch (Placeholders.Missing missing) {
                texts.add(raw);
                if (blocked == null) {
                    previews.add(new Preview(migration, file, List.of(), List.of(), "fails: " + missing.getMessage()));
                    blocked = file + " could not be previewed";
                    continue;
                }
                text = raw;
            }
            if (blocked != null) {
                previews.add(new Preview(migration, file, List.of(), List.of(), "not previewed: " + blocked));
                continue;
            }
            Observation observation = new Observation(shadow, tables, known);
            shadow.setAutoCommit(false);
            try {
                runner.run(file, text, observation);
            } catch (ScriptFailure failure) {
                shadow.rollback();
                shadow.setAutoCommit(true);
                String problem = "25001".equals(failure.sqlState())
                        ? "cannot be previewed: line " + failure.line() + " runs outside a transaction (" + firstWords(failure.statement()) + ")"
                        : "fails: " + failure.describe();
                previews.add(new Preview(migration, file, List.of(), List.of(), problem));
                blocked = file + " could not be previewed";
                continue;
            } catch (SQLException | RuntimeException e) {
                shadow.rollback();
                shadow.setAutoCommit(true);
                throw e;
            }
            // Committed on the shadow, so the next script sees it and its locks are its own.
            shadow.commit();
            shadow.setAutoCommit(true);
            Catalog after = CatalogReader.read(shadow, scope);
            List<SchemaChange> changes = CatalogDelta.between(current, after);
            List<String> loss = countLoss ? loss(changes, tables) : List.of();
            previews.add(new Preview(migration, file, changes, loss, observation.effects(), null));
            current = after;
        }
        return previews;
    }

    /** Rows and values the dropped tables and columns hold on the target, counted read-only. */
    private static List<String> loss(List<SchemaChange> changes, TargetTables tables) throws LmsdbException, SQLException {
        List<String> loss = new ArrayList<>();
        for (SchemaChange change : changes) {
            if (change.action() != SchemaChange.Action.DROP) {
                continue;
            }
            SchemaObject o = change.object();
            String line = null;
            if (o.kind() == SchemaObject.Kind.TABLE) {
                line = tables.rowsLost(o.name());
            } else if (o.kind() == SchemaObject.Kind.COLUMN) {
                line = tables.valuesLost(o.table(), o.name().substring(o.table().length() + 1));
            }
            if (line != null) {
                loss.add(line);
            }
        }
        return loss;
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String firstWords(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }

    /** A table of the shadow: its name as previews show it, and its file. */
    private record Relation(String name, long relfilenode) {}

    /**
     * The tables of the managed schemas on the shadow, by oid: all of them ({@code oids} null), or those among {@code oids}.
     */
    private Map<Long, Relation> relations(Connection shadow, java.util.Collection<Long> oids) throws SQLException {
        Map<Long, Relation> relations = new HashMap<>();
        if (oids != null && oids.isEmpty()) {
            return relations;
        }
        try (PreparedStatement ps = shadow.prepareStatement("select c.oid::bigint, n.nspname, c.relname, c.relfilenode::bigint "
                + "from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                + "where c.relkind in ('r', 'p', 'm') and " + Scope.relationFilter("n.nspname", "c.relname")
                + (oids == null ? "" : " and c.oid = any (?::oid[])"))) {
            scope.bind(shadow, ps, 1);
            if (oids != null) {
                ps.setArray(2, shadow.createArrayOf("bigint", oids.toArray()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    relations.put(rs.getLong(1), new Relation(TargetTables.display(scope, rs.getString(2), rs.getString(3)), rs.getLong(4)));
                }
            }
        }
        return relations;
    }

    /**
     * One script's statements as the shadow saw them. Within the script's transaction locks only
     * grow, so what a statement took is what pg_locks shows after it beyond what it showed before.
     * Only a table the transaction holds a lock on can have been rewritten, so after each statement
     * only those are read, and compared with {@code known} (every table's file as last seen, kept up to date).
     */
    private final class Observation implements ScriptExecutor.Observer {
        private final Connection shadow;
        private final TargetTables tables;
        private final Map<Long, Relation> known;
        private final List<Preview.TableEffect> effects = new ArrayList<>();
        private Map<Long, Integer> held = Map.of();

        Observation(Connection shadow, TargetTables tables, Map<Long, Relation> known) {
            this.shadow = shadow;
            this.tables = tables;
            this.known = known;
        }

        List<Preview.TableEffect> effects() {
            return effects;
        }

        @Override
        public void before(SqlScript.Statement statement) {}

        @Override
        public void after(SqlScript.Statement statement) throws SQLException {
            Map<Long, Integer> locks = locks();
            Map<Long, Relation> now = relations(shadow, locks.keySet());
            // By table name: pg_locks comes back in no particular order, and a report should not shuffle.
            Map<String, Preview.TableEffect> found = new TreeMap<>();
            for (Map.Entry<Long, Integer> lock : locks.entrySet()) {
                if (lock.getValue() <= held.getOrDefault(lock.getKey(), -1)) {
                    continue;
                }
                Relation r = known.containsKey(lock.getKey()) ? known.get(lock.getKey()) : now.get(lock.getKey());
                if (r != null) {
                    effect(found, statement, r.name(), lockName(lock.getValue()), false);
                }
            }
            for (Map.Entry<Long, Relation> after : now.entrySet()) {
                Relation before = known.get(after.getKey());
                if (before != null && before.relfilenode() != 0 && after.getValue().relfilenode() != before.relfilenode()) {
                    effect(found, statement, before.name(), null, true);
                }
            }
            effects.addAll(found.values());
            held = locks;
            known.putAll(now);
        }

        /** Only tables the target has: a table the script creates holds nothing and blocks nobody. */
        private void effect(Map<String, Preview.TableEffect> found, SqlScript.Statement statement, String table, String lock, boolean rewrites) {
            tables.size(table).ifPresent(size -> found.merge(table,
                    new Preview.TableEffect(statement.line(), table, lock, rewrites, size.bytes(), size.estimatedRows()),
                    (a, b) -> new Preview.TableEffect(a.line(), a.table(), a.lock() != null ? a.lock() : b.lock(),
                            a.rewrites() || b.rewrites(), a.bytes(), a.estimatedRows())));
        }

        private Map<Long, Integer> locks() throws SQLException {
            Map<Long, Integer> locks = new HashMap<>();
            try (Statement st = shadow.createStatement(); ResultSet rs = st.executeQuery(
                    "select relation::bigint, mode from pg_locks where pid = pg_backend_pid() and locktype = 'relation' and granted "
                            + "and database = (select oid from pg_database where datname = current_database())")) {
                while (rs.next()) {
                    locks.merge(rs.getLong(1), MODES.indexOf(rs.getString(2)), Math::max);
                }
            }
            return locks;
        }
    }

    /** {@code AccessExclusiveLock} reads {@code ACCESS EXCLUSIVE}, as PostgreSQL's documentation names it. */
    static String lockName(int strength) {
        String mode = MODES.get(strength).replace("Lock", "");
        return mode.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(java.util.Locale.ROOT);
    }
}
