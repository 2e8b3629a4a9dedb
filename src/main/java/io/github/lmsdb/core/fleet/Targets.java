package io.github.lmsdb.core.fleet;

import io.github.lmsdb.core.config.JdbcUrl;
import io.github.lmsdb.core.config.Settings;
import io.github.lmsdb.core.db.DatabaseGateway;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The members of a fleet, from one of three sources: a list of JDBC URLs, a query on a registry
 * database returning URLs or schema names, or a {@code LIKE} pattern over the schemas of one database.
 * The order given is the order the fleet runs in (a pattern's schemas sorted by name).
 */
public final class Targets {
    private Targets() {}

    /** The given URLs, each with its own credentials; duplicates are refused. */
    public static List<Target> ofUrls(List<String> urls, TargetResolver resolver) throws LmsdbException {
        List<Target> targets = new ArrayList<>();
        for (String url : urls) {
            if (url != null && !url.isBlank()) {
                JdbcUrl configured = JdbcUrl.parse(url.trim());
                targets.add(Target.database(configured, resolver.settingsFor(configured)));
            }
        }
        return distinct(targets, "targets");
    }

    /** The schemas of the registry's database whose names match the {@code LIKE} pattern, by name. */
    public static List<Target> schemasLike(Settings registry, String pattern) throws LmsdbException {
        return schemasLike(registry, registry.connection().url(), pattern);
    }

    /**
     * As {@link #schemasLike(Settings, String)}, the targets named by the registry's URL as configured ({@code configured}),
     * which may differ from where {@code registry} connects (the embedded server's port).
     */
    public static List<Target> schemasLike(Settings registry, JdbcUrl configured, String pattern) throws LmsdbException {
        List<String> names = new ArrayList<>();
        try (DatabaseGateway g = DatabaseGateway.connect(registry.connection());
                PreparedStatement ps = g.connection().prepareStatement(
                        "select nspname from pg_namespace where nspname like ? and nspname not like 'pg\\_%' "
                                + "and nspname <> 'information_schema' order by nspname collate \"C\"")) {
            ps.setString(1, pattern.trim());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new LmsdbException("Cannot list the schemas matching '" + pattern + "': " + firstLine(e.getMessage()),
                    Hint.line("Check ", Hint.param("targetSchemas"), " (a LIKE pattern such as tenant_%)."), e);
        }
        if (names.isEmpty()) {
            throw new LmsdbException("No schema of " + registry.connection().url().database() + " matches '" + pattern + "'.",
                    Hint.line("Check the pattern: ", Hint.set("targetSchemas", "tenant_%"), " (% is any text, _ one character)."));
        }
        List<Target> targets = new ArrayList<>();
        for (String name : names) {
            targets.add(Target.schema(configured, registry, name));
        }
        return targets;
    }

    /**
     * The rows of a read-only query on the registry database: a first column holding JDBC URLs (each a
     * database, credentials resolved for it) or schema names (each a schema of the registry's database).
     */
    public static List<Target> fromQuery(Settings registry, String sql, TargetResolver resolver) throws LmsdbException {
        return fromQuery(registry, registry.connection().url(), sql, resolver);
    }

    /** As {@link #fromQuery(Settings, String, TargetResolver)}, every target named by its URL as configured or returned. */
    public static List<Target> fromQuery(Settings registry, JdbcUrl configured, String sql, TargetResolver resolver) throws LmsdbException {
        List<String> values = new ArrayList<>();
        try (DatabaseGateway g = DatabaseGateway.connect(registry.connection())) {
            Connection c = g.connection();
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                // The registry is only read: a query that writes fails here.
                st.execute("set transaction read only");
                try (ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) {
                        String v = rs.getString(1);
                        if (v != null && !v.isBlank()) {
                            values.add(v.trim());
                        }
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new LmsdbException("The targets query on " + registry.connection().url().database() + " failed: " + firstLine(e.getMessage()),
                    Hint.line("Check ", Hint.param("targetsQuery"), ": a read-only query whose first column is a JDBC URL or a schema name."), e);
        }
        if (values.isEmpty()) {
            throw new LmsdbException("The targets query on " + registry.connection().url().database() + " returned no rows.",
                    Hint.line("Check ", Hint.param("targetsQuery"), ": it must return the JDBC URLs or schema names of the fleet."));
        }
        List<Target> targets = new ArrayList<>();
        for (String v : values) {
            if (v.startsWith("jdbc:")) {
                JdbcUrl url = JdbcUrl.parse(v);
                targets.add(Target.database(url, resolver.settingsFor(url)));
            } else {
                targets.add(Target.schema(configured, registry, v));
            }
        }
        return distinct(targets, "targetsQuery");
    }

    private static List<Target> distinct(List<Target> targets, String parameter) throws LmsdbException {
        Map<String, Target> byName = new LinkedHashMap<>();
        for (Target t : targets) {
            if (byName.putIfAbsent(t.name(), t) != null) {
                throw new LmsdbException("Target " + t.name() + " is listed twice.",
                        Hint.line("List each database once in ", Hint.param(parameter), "."));
            }
        }
        if (byName.isEmpty()) {
            throw new LmsdbException("No targets given.", Hint.line("List them: ",
                    Hint.set("targets", "jdbc:postgresql://db1:5432/app,jdbc:postgresql://db2:5432/app")));
        }
        return List.copyOf(byName.values());
    }

    static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
