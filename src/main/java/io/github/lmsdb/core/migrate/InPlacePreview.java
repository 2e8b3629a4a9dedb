package io.github.lmsdb.core.migrate;

import io.github.lmsdb.core.catalog.Catalog;
import io.github.lmsdb.core.catalog.CatalogDelta;
import io.github.lmsdb.core.catalog.CatalogReader;
import io.github.lmsdb.core.catalog.SchemaChange;
import io.github.lmsdb.core.catalog.SchemaObject;
import io.github.lmsdb.core.catalog.Scope;
import io.github.lmsdb.core.db.RowCounter;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.sql.ScriptExecutor;
import io.github.lmsdb.core.sql.ScriptFailure;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Previews scripts by running them on the database in a transaction that is always rolled back. */
final class InPlacePreview {
    /** How long a preview waits for a lock before it gives up instead of hanging the build. */
    private static final String PREVIEW_LOCK_TIMEOUT = "10s";

    private final Connection connection;
    private final Scope scope;
    private final ScriptExecutor runner;
    private final RowCounter counter;

    InPlacePreview(Connection connection, List<String> schemas) {
        this.connection = connection;
        this.scope = Scope.of(schemas);
        this.runner = new ScriptExecutor(connection, schemas);
        this.counter = new RowCounter(connection);
    }

    /**
     * What each script would do if run in order, measured on the database and then rolled back.
     * With {@code countLoss}, the rows and non-null values that dropped tables and columns hold.
     */
    List<Preview> preview(List<MigrationEntry> migrations, List<Path> scripts, boolean countLoss) throws LmsdbException, SQLException {
        List<Preview> previews = new ArrayList<>();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement st = connection.createStatement()) {
                st.execute("set local lock_timeout = '" + PREVIEW_LOCK_TIMEOUT + "'");
            }
            Catalog current = CatalogReader.read(connection, scope);
            String blocked = null;
            for (int i = 0; i < scripts.size(); i++) {
                Path script = scripts.get(i);
                String file = script.getFileName().toString();
                if (blocked != null) {
                    previews.add(new Preview(migrations.get(i), file, List.of(), List.of(), "not previewed: " + blocked));
                    continue;
                }
                Savepoint before = connection.setSavepoint();
                try {
                    runner.run(script);
                } catch (ScriptFailure failure) {
                    connection.rollback(before);
                    String problem = "25001".equals(failure.sqlState())
                            ? "cannot be previewed: line " + failure.line() + " runs outside a transaction (" + firstWords(failure.statement()) + ")"
                            : "fails: " + failure.describe();
                    previews.add(new Preview(migrations.get(i), file, List.of(), List.of(), problem));
                    blocked = file + " could not be previewed";
                    continue;
                }
                Catalog after = CatalogReader.read(connection, scope);
                List<SchemaChange> changes = CatalogDelta.between(current, after);
                List<String> loss = List.of();
                if (countLoss) {
                    connection.rollback(before);
                    loss = measureLoss(changes);
                    try {
                        runner.run(script);
                    } catch (ScriptFailure failure) {
                        throw new IllegalStateException("A script that just ran failed on its second run: " + failure.describe(), failure);
                    }
                }
                previews.add(new Preview(migrations.get(i), file, changes, loss, null));
                current = after;
            }
            return previews;
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Rows and values the dropped tables and columns hold; a count that fails fails the preview, never reads as 0. */
    private List<String> measureLoss(List<SchemaChange> changes) throws LmsdbException {
        List<String> loss = new ArrayList<>();
        for (SchemaChange change : changes) {
            if (change.action() != SchemaChange.Action.DROP) {
                continue;
            }
            SchemaObject o = change.object();
            if (o.kind() == SchemaObject.Kind.TABLE) {
                String[] table = qualified(o.name());
                long rows = counter.rows(table[0], table[1]);
                if (rows > 0) {
                    loss.add("table " + o.name() + " has " + rows + (rows == 1 ? " row" : " rows"));
                }
            } else if (o.kind() == SchemaObject.Kind.COLUMN) {
                String column = o.name().substring(o.table().length() + 1);
                String[] table = qualified(o.table());
                long values = counter.nonNull(table[0], table[1], column);
                if (values > 0) {
                    loss.add(o.name() + " has " + values + (values == 1 ? " non-null value" : " non-null values"));
                }
            }
        }
        return loss;
    }

    /** Schema and name of a table as previews show it: bare in the first schema, qualified elsewhere. */
    private String[] qualified(String displayName) {
        int dot = displayName.indexOf('.');
        return dot < 0 ? new String[] {scope.first(), displayName}
                : new String[] {displayName.substring(0, dot), displayName.substring(dot + 1)};
    }

    private static String firstWords(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }
}
