package io.github.lmsdb.core.generate;

import io.github.lmsdb.core.db.Identifiers;
import io.github.lmsdb.core.db.ServerAdmin;
import io.github.lmsdb.core.db.ShadowServer;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Whether a shadow server other than the target's can build what the target's server builds. Roles are cluster-wide, so
 * the target's roles that the shadow server lacks are created there ({@code NOLOGIN}: grants, policies and owners only
 * name them). Extensions and collations come with the server's binaries and operating system and cannot be created:
 * when the target's database uses one the shadow server lacks, or a build on the shadow fails on one that the target's
 * server has, the shadow server is {@link Unfit} and generate goes back to the target's server or refuses; it never
 * compares a schema that lacks what the target has.
 */
final class ShadowFit {
    private ShadowFit() {}

    /** The shadow server lacks {@code what} the target's server has. */
    static final class Unfit extends Exception {
        private final String what;

        Unfit(String what) {
            super(what, null, false, false);
            this.what = what;
        }

        String what() {
            return what;
        }

        /** The refusal when there is no other server to go to. */
        LmsdbException refusal(ShadowServer shadow, ShadowServer target) {
            return new LmsdbException("generate builds the schemas it compares on " + shadow.where() + ", which lacks " + what
                    + " that the target's server " + target.settings().url().hostAndPort()
                    + " has, so it cannot compare them there. Nothing was written.",
                    Hint.line("Name a server of the target's PostgreSQL version that has it, for the shadow databases: ",
                                    Hint.set("shadowUrl", "jdbc:postgresql://<host>:5432/postgres"))
                            .then("Or give " + target.settings().user() + " the CREATEDB privilege on the target's server (alter role "
                                    + Identifiers.quote(target.settings().user()) + " createdb), and generate builds them there."));
        }
    }

    /**
     * Before anything is built on {@code shadow}: the same major as the target, the target database's extensions (and their
     * versions) available there, the target server's roles present (created when missing). Returns the report's note
     * about what was created, or null.
     */
    static String prepare(Connection target, ShadowServer shadow) throws Unfit, LmsdbException, SQLException {
        try (ServerAdmin admin = ServerAdmin.connect(shadow.settings())) {
            Connection s = admin.connection();
            int targetMajor = intOf(target, "select current_setting('server_version_num')::int / 10000");
            int shadowMajor = intOf(s, "select current_setting('server_version_num')::int / 10000");
            if (targetMajor != shadowMajor) {
                throw new Unfit("PostgreSQL " + targetMajor + " (it runs " + shadowMajor
                        + ", and the catalog of another major reads differently)");
            }
            Set<String> available = strings(s, "select name || ' ' || version from pg_available_extension_versions");
            List<String> missing = new ArrayList<>();
            for (String installed : strings(target, "select extname || ' ' || extversion from pg_extension where extname <> 'plpgsql'")) {
                if (!available.contains(installed)) {
                    missing.add("extension " + installed.replace(" ", " version "));
                }
            }
            if (!missing.isEmpty()) {
                throw new Unfit(String.join(", ", missing));
            }
            Set<String> roles = strings(target, "select rolname from pg_roles where rolname !~ '^pg_'");
            roles.removeAll(strings(s, "select rolname from pg_roles"));
            List<String> created = new ArrayList<>();
            for (String role : roles) {
                try (Statement st = s.createStatement()) {
                    st.execute("create role " + Identifiers.quote(role) + " nologin");
                    created.add(role);
                } catch (SQLException e) {
                    if ("42710".equals(e.getSQLState())) {
                        continue; // another run created it meanwhile
                    }
                    throw new Unfit("the role" + (roles.size() == 1 ? " " : "s ") + String.join(", ", roles) + " (" + shadow.settings().user()
                            + " may not create " + (roles.size() == 1 ? "it" : "them") + " there: "
                            + e.getMessage().lines().findFirst().orElse("") + ")");
                }
            }
            return created.isEmpty() ? null
                    : created.size() + (created.size() == 1 ? " role" : " roles") + " of the target's server created there (NOLOGIN), as grants, "
                            + "policies and owners name roles: " + String.join(", ", created);
        }
    }

    /**
     * Whether {@code failure}, from building on {@code shadow}, names an extension the target's server has and the
     * shadow server lacks, or a collation the target database has and the shadow's lack.
     */
    static Optional<String> explain(Connection target, ShadowServer shadow, Throwable failure) throws LmsdbException, SQLException {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        try (ServerAdmin admin = ServerAdmin.connect(shadow.settings())) {
            Connection s = admin.connection();
            Set<String> extensions = strings(target, "select name from pg_available_extensions");
            extensions.removeAll(strings(s, "select name from pg_available_extensions"));
            Set<String> collations = strings(target, "select collname from pg_collation");
            collations.removeAll(strings(s, "select collname from pg_collation"));
            return names(text.toString(), extensions, collations);
        }
    }

    /**
     * The first of {@code extensions} or {@code collations} that {@code error} says is missing, in PostgreSQL's words:
     * {@code could not open extension control file ".../name.control"} (15), {@code extension "name" is not available}
     * (16 and later), {@code collation "[schema.]name" for encoding ... does not exist}.
     */
    static Optional<String> names(String error, Collection<String> extensions, Collection<String> collations) {
        for (String e : extensions) {
            if (error.contains("extension \"" + e + "\"") || error.contains("/" + e + ".control\"")) {
                return Optional.of("extension " + e);
            }
        }
        for (String c : collations) {
            if (Pattern.compile("collation \"(?:[^\"]*\\.)?" + Pattern.quote(c) + "\"").matcher(error).find()) {
                return Optional.of("collation " + c);
            }
        }
        return Optional.empty();
    }

    private static int intOf(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Set<String> strings(Connection c, String sql) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
