package io.github.lmsdb.core.schema;

import io.github.lmsdb.core.catalog.Catalog;
import io.github.lmsdb.core.catalog.SqlNames;
import io.github.lmsdb.core.db.RowCounter;
import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What turns one catalog into another: the ordered changes, each with its DDL and hazards.
 * Each change has a phase ({@link Change}: drops of triggers, policies, views, keys, columns and
 * tables; then schemas, extensions, types, functions, sequences, tables, columns, constraints,
 * indexes, foreign keys, views, triggers, policies, grants, comments; then drops of functions, types,
 * extensions and schemas), and the order is the one the two catalogs' dependencies ({@code pg_depend})
 * give, the phases breaking ties ({@link DependencyOrder}): a function whose SQL-standard body reads
 * a new table comes after it, a domain over a new composite type after that type, and drops come in
 * reverse. Objects PostgreSQL must drop with a function or type the diff drops and creates again are
 * dropped first and created after (views; for a function also its triggers, policies, column defaults
 * and table constraints), or the change is refused by name. Renames are not guessed: a drop and an
 * add, flagged.
 */
public final class SchemaDiff {
    private final Catalog from;
    private final Catalog to;
    private final String first;
    private final Counts rows;
    private final List<Change> changes = new ArrayList<>();
    /** For each change, the key of the object it is about ({@link Catalog#dependencyKey}), or null: what {@link DependencyOrder} orders by. */
    private final List<String> objects = new ArrayList<>();
    /** Dependencies that no longer hold for the ordering, by dependent key: a new table whose default is set after it. */
    private final Map<String, Set<String>> cutDependencies = new java.util.HashMap<>();
    /** The defaults set after their new table ({@code default <table>.<column>}), to the column whose dependencies they have. */
    private final Map<String, String> deferredDefaults = new java.util.HashMap<>();
    /** Triggers whose function PostgreSQL must drop and create again: they are dropped first and created again after. */
    private final Set<String> rebuiltTriggers = new TreeSet<>();
    /** Policies whose function PostgreSQL must drop and create again: they are dropped first and created again after. */
    private final Set<String> rebuiltPolicies = new TreeSet<>();
    /** Views over a function or type this diff drops and creates again: dropped before it, created again after. */
    private Set<String> viewsOverRebuilt = Set.of();
    /** What depends on each object in the current catalog ({@link #dependantsNow}), made on first use. */
    private Map<String, List<String>> dependantsNow;

    /**
     * Counts on the current database, for hazards: rows of a table, non-null values of a column,
     * nulls of a column. Tables are qualified ({@code public.users}). A count that cannot be made
     * throws: a hazard is never dropped for want of a count.
     */
    public interface Counts {
        long rows(String table) throws LmsdbException;

        long nonNull(String table, String column) throws LmsdbException;

        long nulls(String table, String column) throws LmsdbException;

        /** Exact counts by {@code counter}, on the database the {@code from} catalog was read from. */
        static Counts exact(RowCounter counter) {
            return new Counts() {
                @Override
                public long rows(String table) throws LmsdbException {
                    return counter.rows(schemaOf(table), nameOf(table));
                }

                @Override
                public long nonNull(String table, String column) throws LmsdbException {
                    return counter.nonNull(schemaOf(table), nameOf(table), column);
                }

                @Override
                public long nulls(String table, String column) throws LmsdbException {
                    return counter.nulls(schemaOf(table), nameOf(table), column);
                }
            };
        }

        /** No counts: for schemas without data (shadows, replayed migrations), where nothing can be lost. */
        Counts NONE = new Counts() {
            @Override
            public long rows(String table) {
                return 0;
            }

            @Override
            public long nonNull(String table, String column) {
                return 0;
            }

            @Override
            public long nulls(String table, String column) {
                return 0;
            }
        };
    }

    private static String schemaOf(String qualified) {
        return qualified.substring(0, qualified.indexOf('.'));
    }

    private static String nameOf(String qualified) {
        return qualified.substring(qualified.indexOf('.') + 1);
    }

    private SchemaDiff(Catalog from, Catalog to, Counts rows) {
        this.from = from;
        this.to = to;
        this.first = from.schemas().get(0);
        this.rows = memoized(rows);
    }

    /** Each count asked once: a table's row count serves every column and constraint of it. */
    private static Counts memoized(Counts counter) {
        Map<String, Long> cache = new java.util.HashMap<>();
        return new Counts() {
            @Override
            public long rows(String table) throws LmsdbException {
                String key = "rows\0" + table;
                Long n = cache.get(key);
                if (n == null) {
                    n = counter.rows(table);
                    cache.put(key, n);
                }
                return n;
            }

            @Override
            public long nonNull(String table, String column) throws LmsdbException {
                String key = "nonnull\0" + table + "\0" + column;
                Long n = cache.get(key);
                if (n == null) {
                    n = counter.nonNull(table, column);
                    cache.put(key, n);
                }
                return n;
            }

            @Override
            public long nulls(String table, String column) throws LmsdbException {
                String key = "nulls\0" + table + "\0" + column;
                Long n = cache.get(key);
                if (n == null) {
                    n = counter.nulls(table, column);
                    cache.put(key, n);
                }
                return n;
            }
        };
    }

    /**
     * Sets {@code c}'s default of table {@code table} in a change of its own, after the functions of {@code cycle}: the
     * table's (or column's) creation no longer waits for them, the default does.
     */
    private void deferDefault(String table, Catalog.Column c, Set<String> cycle) {
        cut("table " + table, cycle);
        defaultOnItsOwn(table, c, Change.ALTER_COLUMN, "set default " + c.defaultValue());
    }

    /**
     * Before {@code c} of {@code t} (or all of {@code t}) is dropped: when its default calls a function that is dropped too
     * and whose body reads {@code t}, the default is dropped in a change of its own first, then the function, then the
     * column or table (the creation's cycle, backwards); when the function stays (its body replaced), it is replaced
     * first and the drop takes the default.
     */
    private void dropDefaultFirst(Catalog.Table t, Catalog.Column c) {
        Set<String> cycle = functionsNeedingTheTable(from, t, c);
        // Either way the default's call orders nothing: a kept function is replaced before the drop, a dropped one goes
        // after its default.
        cut("table " + t.name(), cycle);
        cut(Catalog.dependencyKey("column", t.name() + "." + c.name()), cycle);
        if (cycle.stream().anyMatch(f -> !has(to, f))) {
            defaultOnItsOwn(t.name(), c, Change.DROP_CONSTRAINT, "drop default");
        }
    }

    /** Takes {@code functions} out of what {@code key} needs, for the order only (see {@link #ordering}). */
    private void cut(String key, Set<String> functions) {
        if (!functions.isEmpty()) {
            cutDependencies.computeIfAbsent(key, k -> new java.util.HashSet<>()).addAll(functions);
        }
    }

    /**
     * {@code alter table ... alter column ... <clause>} as a change of its own, keyed {@code default <table>.<column>} and
     * needing what the column's default needs: what needs the column (a function's body) needs the column's creation, not
     * this default.
     */
    private void defaultOnItsOwn(String table, Catalog.Column c, int phase, String clause) {
        String key = Catalog.dependencyKey("default", table + "." + c.name());
        deferredDefaults.put(key, Catalog.dependencyKey("column", table + "." + c.name()));
        addFor(key, phase, null, null, table, List.of("alter table " + SqlNames.qualified(table) + " alter column " + SqlNames.quote(c.name())
                + " " + clause), List.of());
    }

    /** Whether {@code in} has the function of dependency key {@code function} ({@code function <signature>}). */
    private static boolean has(Catalog in, String function) {
        return in.functions().values().stream().anyMatch(g -> function.equals("function " + g.signature()));
    }

    private static Catalog.Column withoutDefault(Catalog.Column c) {
        return new Catalog.Column(c.name(), c.type(), c.notNull(), null, c.identity(), c.generated(), c.comment(), c.collation(),
                c.identityOptions());
    }

    /**
     * {@code c} as {@link DependencyOrder} sees it: without the dependencies {@link #cutDependencies} removed, and with each
     * deferred default needing what its column's default needs.
     */
    private Catalog ordering(Catalog c) {
        if (cutDependencies.isEmpty()) {
            return c;
        }
        Map<String, List<String>> dependencies = new java.util.HashMap<>(c.dependencies());
        cutDependencies.forEach((key, cut) -> dependencies.computeIfPresent(key, (k, needs) -> needs.stream().filter(n -> !cut.contains(n)).toList()));
        deferredDefaults.forEach((key, column) -> dependencies.put(key, c.dependencies().getOrDefault(column, List.of())));
        return new Catalog(c.schemas(), c.enums(), c.sequences(), c.tables(), c.indexes(), c.views(), c.domains(), c.composites(), c.functions(),
                c.triggers(), c.policies(), c.privileges(), c.extensions(), c.partitions(), c.comments(), c.ranges(), c.presentSchemas(), dependencies);
    }

    /** The changes that make {@code from} (the current schema) into {@code to} (the desired one), in script order. */
    public static List<Change> diff(Catalog from, Catalog to, Counts rows) throws LmsdbException {
        SchemaDiff d = new SchemaDiff(from, to, rows);
        d.viewsOverRebuilt = d.viewsOverRebuilt();
        d.schemas();
        d.extensions();
        d.enums();
        d.ranges();
        d.composites();
        d.domains();
        d.sequences();
        d.tables();
        d.partitions();
        d.indexes();
        d.replicaIdentities();
        d.views();
        d.functions();
        d.triggers();
        d.policies();
        d.privileges();
        d.comments();
        return List.copyOf(DependencyOrder.order(d.changes, d.objects, d.ordering(from), d.ordering(to)));
    }

    /**
     * A change the engine cannot write safely: refused by name, never skipped, so that a generated
     * migration never leaves a difference behind in silence.
     */
    static LmsdbException refuse(String what, String instead) {
        return new LmsdbException("The declared schema needs a change lmsdb cannot generate safely: " + what + ": " + instead
                + ". Nothing was written.",
                Hint.line("Write that change in a migration of your own (", Hint.run("create", Hint.set("name", "<Name>")),
                        "), apply it, then generate again."));
    }

    private String show(String name) {
        return SqlNames.display(name, first);
    }

    private void add(int phase, String description, String counter, String table, List<String> statements, List<Hazard> hazards) {
        addFor(null, phase, description, counter, table, statements, hazards);
    }

    /** A change about {@code object} (a {@link Catalog#dependencyKey}), which its dependencies order. */
    private void addFor(String object, int phase, String description, String counter, String table, List<String> statements, List<Hazard> hazards) {
        changes.add(new Change(phase, description, counter, table, statements, hazards));
        objects.add(object);
    }

    // ------------------------------------------------------------ schemas

    /** A managed schema the declared side adds is created before anything in it; one it removes is dropped after everything in it. */
    private void schemas() {
        for (String name : union(new TreeSet<>(from.presentSchemas()), new TreeSet<>(to.presentSchemas()))) {
            boolean was = from.presentSchemas().contains(name);
            boolean is = to.presentSchemas().contains(name);
            if (!was && is) {
                add(Change.CREATE_SCHEMA, "New schema: " + name, "schema added", null, List.of("create schema " + SqlNames.quote(name)), List.of());
            } else if (was && !is) {
                // Without CASCADE: an object the diff does not compare makes this fail rather than vanish.
                add(Change.DROP_SCHEMA, "Dropped schema: " + name, "schema dropped", null, List.of("drop schema " + SqlNames.quote(name)), List.of());
            }
        }
    }

    // ------------------------------------------------------------ extensions

    /**
     * Extensions by name: created (at the declared version, in the declared schema) before the types,
     * tables and functions that may use them, dropped (without CASCADE, so that an object still using
     * them makes the drop fail rather than vanish) after everything else. A version the installed one
     * cannot be updated to (a downgrade) is refused.
     */
    private void extensions() throws LmsdbException {
        for (String name : union(from.extensions().keySet(), to.extensions().keySet())) {
            Catalog.Extension a = from.extensions().get(name);
            Catalog.Extension b = to.extensions().get(name);
            String q = SqlNames.quote(name);
            if (a == null) {
                add(Change.CREATE_EXTENSION, "New extension: " + name + " " + b.version(), "extension added", null,
                        List.of("create extension if not exists " + q + " with schema " + SqlNames.quote(b.schema()) + " version "
                                + SqlNames.literal(b.version())), List.of());
            } else if (b == null) {
                add(Change.DROP_EXTENSION, "Dropped extension: " + name, "extension dropped", null, List.of("drop extension " + q), List.of());
            } else {
                List<String> statements = new ArrayList<>();
                List<String> what = new ArrayList<>();
                if (!a.version().equals(b.version())) {
                    if (!a.updates().contains(b.version())) {
                        throw refuse("cannot change extension " + name + " from version " + a.version() + " to " + b.version()
                                + ": PostgreSQL has no update path between them", "drop it and create it at " + b.version()
                                + " in a migration of your own, with the objects that use it");
                    }
                    statements.add("alter extension " + q + " update to " + SqlNames.literal(b.version()));
                    what.add("version " + a.version() + " -> " + b.version());
                }
                if (!a.schema().equals(b.schema())) {
                    statements.add("alter extension " + q + " set schema " + SqlNames.quote(b.schema()));
                    what.add("schema " + a.schema() + " -> " + b.schema());
                }
                if (!statements.isEmpty()) {
                    add(Change.CREATE_EXTENSION, "Changed extension: " + name + " (" + String.join("; ", what) + ")", "extension altered", null,
                            statements, List.of());
                }
            }
        }
    }

    // ------------------------------------------------------------ enums

    private void enums() throws LmsdbException {
        for (String name : union(from.enums().keySet(), to.enums().keySet())) {
            List<String> a = from.enums().get(name);
            List<String> b = to.enums().get(name);
            String q = SqlNames.qualified(name);
            if (a == null) {
                addFor("type " + name, Change.CREATE_TYPE, "New enum type: " + show(name) + " (" + String.join(", ", b) + ")", "type added", null,
                        List.of("create type " + q + " as enum (" + String.join(", ", b.stream().map(SqlNames::literal).toList()) + ")"), List.of());
            } else if (b == null) {
                addFor("type " + name, Change.DROP_TYPE, "Dropped enum type: " + show(name), "type dropped", null, List.of("drop type " + q), List.of());
            } else if (!a.equals(b)) {
                if (isOrderedSubset(a, b) && !usedWhereAdded(name, b.stream().filter(v -> !a.contains(v)).toList())) {
                    List<String> statements = new ArrayList<>();
                    for (int i = 0; i < b.size(); i++) {
                        if (!a.contains(b.get(i))) {
                            String where = i + 1 < b.size() && a.contains(b.get(i + 1)) ? " before " + SqlNames.literal(b.get(i + 1))
                                    : i > 0 ? " after " + SqlNames.literal(b.get(i - 1)) : "";
                            statements.add("alter type " + q + " add value " + SqlNames.literal(b.get(i)) + where);
                            addFor("type " + name, Change.ALTER_TYPE, "New enum value: " + show(name) + " '" + b.get(i) + "'", "type altered", null,
                                    List.of(statements.get(statements.size() - 1)), List.of());
                        }
                    }
                } else {
                    recreateEnum(name, a, b);
                }
            }
        }
    }

    // ------------------------------------------------------------ domains, composite and range types

    /** The tables (and composite types) whose columns (attributes) have type {@code name}, or an array of it, in {@code c}. */
    private List<String> usersOf(Catalog c, String name) {
        String bare = name.substring(name.indexOf('.') + 1);
        java.util.function.Predicate<String> is = type -> {
            String t = type.endsWith("[]") ? type.substring(0, type.indexOf('[')) : type;
            return t.equals(name) || t.equals(bare) || t.equals(SqlNames.qualified(name)) || t.equals(SqlNames.quote(bare));
        };
        List<String> users = new ArrayList<>();
        for (Catalog.Table t : c.tables().values()) {
            t.columns().stream().filter(col -> is.test(col.type())).forEach(col -> users.add("column " + show(t.name()) + "." + col.name()));
        }
        for (Catalog.Composite t : c.composites().values()) {
            t.attributes().stream().filter(a -> is.test(a.substring(a.indexOf(' ') + 1))).forEach(a -> users.add("composite type " + show(t.name())));
        }
        for (Catalog.Domain d : c.domains().values()) {
            if (is.test(d.baseType())) {
                users.add("domain " + show(d.name()));
            }
        }
        for (Catalog.RangeType r : c.ranges().values()) {
            if (is.test(r.subtype())) {
                users.add("range type " + show(r.name()));
            }
        }
        // What else the catalog says uses it (views are rebuilt around it, tables and types are listed above).
        for (String d : (c == from ? dependantsNow() : dependants(c)).getOrDefault("type " + name, List.of())) {
            String kind = d.substring(0, d.indexOf(' '));
            if (List.of("constraint", "index", "trigger", "policy").contains(kind)) {
                users.add(kind + " " + show(d.substring(kind.length() + 1)));
            }
        }
        for (Catalog.Function f : c.functions().values()) {
            if (Pattern.compile("\\b" + Pattern.quote(bare) + "\\b").matcher(f.name().substring(f.name().indexOf('(')) + " " + f.result()).find()) {
                users.add(f.kind().equals("p") ? "procedure " + show(f.name()) : "function " + show(f.name()));
            }
        }
        return users;
    }

    /**
     * A type PostgreSQL cannot alter this way is dropped and created again when nothing uses it,
     * else refused by name (its users would have to go with it).
     */
    private void rebuildUnused(String kind, String name, String why, List<String> create, String description, int phase) throws LmsdbException {
        List<String> users = usersOf(from, name);
        if (!users.isEmpty()) {
            throw refuse("cannot change " + kind + " " + show(name) + " (" + why + ") while " + users.get(0) + " uses it",
                    "PostgreSQL cannot alter that in place; create a new type, move " + users.get(0) + " to it, then drop the old one");
        }
        List<String> statements = new ArrayList<>();
        statements.add("drop type " + SqlNames.qualified(name));
        statements.addAll(create);
        addFor("type " + name, phase, description, "type altered", null, statements, List.of());
    }

    /** Range types: created and dropped; any change drops and creates an unused one, and is refused for one in use. */
    private void ranges() throws LmsdbException {
        for (String name : union(from.ranges().keySet(), to.ranges().keySet())) {
            Catalog.RangeType a = from.ranges().get(name);
            Catalog.RangeType b = to.ranges().get(name);
            if (a == null) {
                addFor("type " + name, b.subtypeDiff() == null ? Change.CREATE_TYPE : Change.CREATE_TYPE_AFTER_FUNCTIONS, "New range type: " + show(name) + " ("
                        + b.subtype() + ")", "type added", null, createRange(b), List.of());
            } else if (b == null) {
                addFor("type " + name, a.subtypeDiff() == null ? Change.DROP_TYPE : Change.DROP_TYPE_BEFORE_FUNCTIONS, "Dropped range type: " + show(name), "type dropped", null, List.of("drop type " + SqlNames.qualified(name)), List.of());
            } else if (!a.equals(b)) {
                rebuildUnused("range type", name, "subtype or options", createRange(b), "Changed range type: " + show(name) + " ("
                        + a.subtype() + " -> " + b.subtype() + ")", b.subtypeDiff() == null ? Change.ALTER_TYPE : Change.CREATE_TYPE_AFTER_FUNCTIONS);
            }
        }
    }

    private static List<String> createRange(Catalog.RangeType r) throws LmsdbException {
        if (r.canonical() != null) {
            throw refuse("cannot create range type " + r.name() + " with the canonical function " + r.canonical(),
                    "it needs a shell type and a C or internal function; write CREATE TYPE for it yourself");
        }
        List<String> options = new ArrayList<>();
        options.add("subtype = " + r.subtype());
        if (r.subtypeOpclass() != null) {
            options.add("subtype_opclass = " + r.subtypeOpclass());
        }
        if (r.collation() != null) {
            options.add("collation = " + r.collation());
        }
        if (r.subtypeDiff() != null) {
            options.add("subtype_diff = " + r.subtypeDiff());
        }
        options.add("multirange_type_name = " + r.multirange());
        return List.of("create type " + SqlNames.qualified(r.name()) + " as range (" + String.join(", ", options) + ")");
    }

    /**
     * Composite types: attributes added (at the end), dropped and retyped with ALTER TYPE; an order
     * that cannot be reached that way drops and creates an unused type, and is refused for one in use.
     */
    private void composites() throws LmsdbException {
        for (String name : union(from.composites().keySet(), to.composites().keySet())) {
            Catalog.Composite a = from.composites().get(name);
            Catalog.Composite b = to.composites().get(name);
            String q = SqlNames.qualified(name);
            String create = b == null ? null : "create type " + q + " as (" + String.join(", ", b.attributes()) + ")";
            if (a == null) {
                addFor("type " + name, Change.CREATE_TYPE, "New composite type: " + show(name) + " (" + String.join(", ", b.attributes()) + ")", "type added", null,
                        List.of(create), List.of());
                continue;
            }
            if (b == null) {
                addFor("type " + name, Change.DROP_TYPE, "Dropped composite type: " + show(name), "type dropped", null, List.of("drop type " + q), List.of());
                continue;
            }
            if (a.equals(b)) {
                continue;
            }
            Map<String, String> was = attributes(a);
            Map<String, String> is = attributes(b);
            String description = "Changed composite type: " + show(name) + " (" + String.join(", ", a.attributes()) + " -> "
                    + String.join(", ", b.attributes()) + ")";
            if (compositeRebuilt(a, b)) {
                rebuildUnused("composite type", name, "attribute order", List.of(create), description, Change.ALTER_TYPE);
                continue;
            }
            List<String> actions = new ArrayList<>();
            was.forEach((attribute, type) -> {
                if (!is.containsKey(attribute)) {
                    actions.add("drop attribute " + attribute);
                } else if (!is.get(attribute).equals(type)) {
                    actions.add("alter attribute " + attribute + " type " + is.get(attribute));
                }
            });
            is.forEach((attribute, type) -> {
                if (!was.containsKey(attribute)) {
                    actions.add("add attribute " + attribute + " " + type);
                }
            });
            addFor("type " + name, Change.ALTER_TYPE, description, "type altered", null, List.of("alter type " + q + " " + String.join(", ", actions)), List.of());
        }
    }

    /** Whether ALTER TYPE cannot reach {@code b}'s attribute order from {@code a}'s (kept ones in place, new ones at the end). */
    private static boolean compositeRebuilt(Catalog.Composite a, Catalog.Composite b) {
        Map<String, String> was = attributes(a);
        Map<String, String> is = attributes(b);
        List<String> reachable = new ArrayList<>(was.keySet().stream().filter(is::containsKey).toList());
        is.keySet().stream().filter(n -> !was.containsKey(n)).forEach(reachable::add);
        return !reachable.equals(new ArrayList<>(is.keySet()));
    }

    /**
     * The views PostgreSQL would have to drop along with a function or type this diff drops and creates
     * again (a new result type or argument list, a domain's new base type, a range's new subtype, a
     * composite's new attribute order), and the views over them: from the current catalog's dependencies.
     * They are dropped before it and created again after, as views over an altered column are.
     */
    private Set<String> viewsOverRebuilt() {
        List<String> rebuilt = new ArrayList<>();
        Map<String, Catalog.Function> fa = bySignature(from);
        Map<String, Catalog.Function> fb = bySignature(to);
        fa.forEach((signature, a) -> {
            Catalog.Function b = fb.get(signature);
            if (b != null && !(a.kind().equals(b.kind()) && canonical(a.definition()).equals(canonical(b.definition()))) && replaceBlocker(a, b) != null) {
                rebuilt.add("function " + signature);
            }
        });
        from.domains().forEach((name, a) -> {
            Catalog.Domain b = to.domains().get(name);
            if (b != null && (!a.baseType().equals(b.baseType()) || !Objects.equals(a.collation(), b.collation()))) {
                rebuilt.add("type " + name);
            }
        });
        from.ranges().forEach((name, a) -> {
            if (to.ranges().containsKey(name) && !a.equals(to.ranges().get(name))) {
                rebuilt.add("type " + name);
            }
        });
        from.composites().forEach((name, a) -> {
            if (to.composites().containsKey(name) && !a.equals(to.composites().get(name)) && compositeRebuilt(a, to.composites().get(name))) {
                rebuilt.add("type " + name);
            }
        });
        if (rebuilt.isEmpty()) {
            return Set.of();
        }
        Map<String, List<String>> dependants = dependantsNow();
        Set<String> views = new TreeSet<>();
        java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(rebuilt);
        while (!queue.isEmpty()) {
            for (String d : dependants.getOrDefault(queue.poll(), List.of())) {
                if (d.startsWith("view ") && views.add(d.substring("view ".length()))) {
                    queue.add(d);
                }
            }
        }
        return views;
    }

    /** {@link #dependants} of the current catalog, made once. */
    private Map<String, List<String>> dependantsNow() {
        if (dependantsNow == null) {
            dependantsNow = dependants(from);
        }
        return dependantsNow;
    }

    /** The reverse of {@link Catalog#dependencies}: for each object key, the keys of the objects that depend on it, sorted. */
    private static Map<String, List<String>> dependants(Catalog c) {
        Map<String, List<String>> map = new java.util.HashMap<>();
        new java.util.TreeMap<>(c.dependencies()).forEach((key, needs) -> needs.forEach(n -> map.computeIfAbsent(n, k -> new ArrayList<>()).add(key)));
        return map;
    }

    /** A composite's attributes in order, quoted name to type. */
    private static Map<String, String> attributes(Catalog.Composite c) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (String a : c.attributes()) {
            int space = a.startsWith("\"") ? a.indexOf("\" ", 1) + 1 : a.indexOf(' ');
            map.put(a.substring(0, space), a.substring(space + 1));
        }
        return map;
    }

    /**
     * Domains: default, NOT NULL and check constraints with ALTER DOMAIN (a constraint that only
     * becomes valid is validated; one that changes is dropped and added again, NOT VALID kept). A new
     * base type or collation cannot be altered: an unused domain is dropped and created, one in use refused.
     */
    private void domains() throws LmsdbException {
        for (String name : union(from.domains().keySet(), to.domains().keySet())) {
            Catalog.Domain a = from.domains().get(name);
            Catalog.Domain b = to.domains().get(name);
            String q = SqlNames.qualified(name);
            if (a == null) {
                addFor("type " + name, Change.CREATE_TYPE, "New domain: " + show(name) + " (" + b.baseType() + ")", "type added", null, createDomain(b), List.of());
                continue;
            }
            if (b == null) {
                addFor("type " + name, Change.DROP_TYPE, "Dropped domain: " + show(name), "type dropped", null, List.of("drop domain " + q), List.of());
                continue;
            }
            if (a.equals(b)) {
                continue;
            }
            if (!a.baseType().equals(b.baseType()) || !Objects.equals(a.collation(), b.collation())) {
                List<String> users = usersOf(from, name);
                if (!users.isEmpty()) {
                    throw refuse("cannot change the base type or collation of domain " + show(name) + " while " + users.get(0) + " uses it",
                            "create a new domain, move " + users.get(0) + " to it, then drop the old one");
                }
                List<String> statements = new ArrayList<>();
                statements.add("drop domain " + q);
                statements.addAll(createDomain(b));
                addFor("type " + name, Change.ALTER_TYPE, "Changed domain: " + show(name) + " (" + a.baseType() + label(a.collation()) + " -> " + b.baseType()
                        + label(b.collation()) + ")", "type altered", null, statements, List.of());
                continue;
            }
            List<String> statements = new ArrayList<>();
            List<String> what = new ArrayList<>();
            if (!Objects.equals(a.defaultValue(), b.defaultValue())) {
                statements.add("alter domain " + q + (b.defaultValue() == null ? " drop default" : " set default " + b.defaultValue()));
                what.add("default " + (a.defaultValue() == null ? "none" : a.defaultValue()) + " -> " + (b.defaultValue() == null ? "none" : b.defaultValue()));
            }
            if (a.notNull() != b.notNull()) {
                statements.add("alter domain " + q + (b.notNull() ? " set not null" : " drop not null"));
                what.add(b.notNull() ? "now NOT NULL" : "now nullable");
            }
            for (String k : union(a.constraints().keySet(), b.constraints().keySet())) {
                String ka = a.constraints().get(k);
                String kb = b.constraints().get(k);
                if (Objects.equals(ka, kb)) {
                    continue;
                }
                String qk = SqlNames.quote(k);
                if (ka != null && kb != null && ka.equals(kb + " NOT VALID")) {
                    statements.add("alter domain " + q + " validate constraint " + qk);
                    what.add("constraint " + k + " validated");
                    continue;
                }
                if (ka != null) {
                    statements.add("alter domain " + q + " drop constraint " + qk);
                }
                if (kb != null) {
                    statements.add("alter domain " + q + " add constraint " + qk + " " + kb);
                }
                what.add("constraint " + k + " " + (kb == null ? "dropped" : ka == null ? "added: " + kb : "-> " + kb));
            }
            addFor("type " + name, Change.ALTER_TYPE, "Changed domain: " + show(name) + " (" + String.join("; ", what) + ")", "type altered", null, statements, List.of());
        }
    }

    private static String label(String collation) {
        return collation == null ? "" : " collate " + collation;
    }

    private static List<String> createDomain(Catalog.Domain d) {
        String q = SqlNames.qualified(d.name());
        List<String> statements = new ArrayList<>();
        statements.add("create domain " + q + " as " + d.baseType() + label(d.collation()) + (d.defaultValue() == null ? "" : " default " + d.defaultValue())
                + (d.notNull() ? " not null" : ""));
        d.constraints().forEach((k, definition) -> statements.add("alter domain " + q + " add constraint " + SqlNames.quote(k) + " " + definition));
        return statements;
    }

    /**
     * Whether a value added to enum {@code name} appears as a literal of that type ({@code 'new'::mood}, as PostgreSQL
     * prints it) in what the migration creates or changes: a column default or generated column, a constraint, an index, a
     * view, a policy, a trigger, a domain, a SQL-standard function body. PostgreSQL refuses a value added by ALTER TYPE ...
     * ADD VALUE in the transaction that adds it ("unsafe use of new value"), and lmsdb:migrate runs a migration in one, so
     * the type is then rebuilt instead (as for a removed value), its new values usable at once. A function body in another
     * language is not checked until it runs, so it does not count.
     */
    private boolean usedWhereAdded(String name, List<String> added) {
        String bare = name.substring(name.indexOf('.') + 1);
        List<String> literals = new ArrayList<>();
        for (String v : added) {
            for (String type : List.of(bare, SqlNames.quote(bare), SqlNames.qualified(name), name)) {
                literals.add(SqlNames.literal(v) + "::" + type);
            }
        }
        java.util.function.Predicate<String> uses = text -> text != null && literals.stream().anyMatch(l -> text.contains(l)
                && !Character.isLetterOrDigit(charAfter(text, text.indexOf(l) + l.length())) && charAfter(text, text.indexOf(l) + l.length()) != '_');
        for (Catalog.Table t : to.tables().values()) {
            if (t.columns().stream().anyMatch(c -> uses.test(c.defaultValue()) || uses.test(c.generated()))
                    || t.constraints().values().stream().anyMatch(k -> uses.test(k.definition()))) {
                return true;
            }
        }
        return to.indexes().values().stream().anyMatch(i -> uses.test(i.definition()))
                || to.views().values().stream().anyMatch(v -> uses.test(v.definition()))
                || to.policies().values().stream().anyMatch(p -> uses.test(p.using()) || uses.test(p.withCheck()))
                || to.triggers().values().stream().anyMatch(g -> uses.test(g.definition()))
                || to.domains().values().stream().anyMatch(d -> uses.test(d.defaultValue()) || d.constraints().values().stream().anyMatch(uses))
                || to.functions().values().stream().anyMatch(f -> f.definition() != null && f.definition().contains("BEGIN ATOMIC")
                        && uses.test(f.definition()));
    }

    private static char charAfter(String text, int index) {
        return index < text.length() ? text.charAt(index) : ' ';
    }

    private static boolean isOrderedSubset(List<String> a, List<String> b) {
        int j = 0;
        for (String value : b) {
            if (j < a.size() && a.get(j).equals(value)) {
                j++;
            }
        }
        return j == a.size();
    }

    /** Removing or reordering values: PostgreSQL cannot, so the type is rebuilt and its columns converted. */
    private void recreateEnum(String name, List<String> a, List<String> b) throws LmsdbException {
        String q = SqlNames.qualified(name);
        String bare = name.substring(name.indexOf('.') + 1);
        String old = SqlNames.qualified(name + "__lmsdb_old");
        List<String> statements = new ArrayList<>();
        statements.add("alter type " + q + " rename to " + SqlNames.quote(bare + "__lmsdb_old"));
        statements.add("create type " + q + " as enum (" + String.join(", ", b.stream().map(SqlNames::literal).toList()) + ")");
        List<String> removed = a.stream().filter(v -> !b.contains(v)).toList();
        List<Hazard> hazards = new ArrayList<>();
        for (Catalog.Table t : from.tables().values()) {
            for (Catalog.Column c : t.columns()) {
                if (c.type().equals(bare) || c.type().equals(name)) {
                    String table = SqlNames.qualified(t.name());
                    String col = SqlNames.quote(c.name());
                    if (c.defaultValue() != null) {
                        statements.add("alter table " + table + " alter column " + col + " drop default");
                    }
                    statements.add("alter table " + table + " alter column " + col + " type " + q + " using " + col + "::text::" + q);
                    // The default again, unless it changes (maybe to a value the rebuilt type lacks): the column's own
                    // change sets the new one.
                    Catalog.Table after = to.tables().get(t.name());
                    Catalog.Column then = after == null ? null : after.column(c.name());
                    if (c.defaultValue() != null && then != null && c.defaultValue().equals(then.defaultValue())) {
                        statements.add("alter table " + table + " alter column " + col + " set default "
                                + c.defaultValue().replace("::" + bare, "::" + q).replace("::" + name, "::" + q));
                    }
                    if (!removed.isEmpty()) {
                        hazards.add(new Hazard(Hazard.Kind.DATA_LOSS, show(t.name()) + "." + c.name() + ": rows holding "
                                + String.join(", ", removed) + " make this fail; update them first"));
                    }
                    long n = rows.rows(t.name());
                    if (n > 0) {
                        hazards.add(new Hazard(Hazard.Kind.TABLE_REWRITE, "converting " + show(t.name()) + "." + c.name() + " to the rebuilt "
                                + show(name) + " rewrites " + show(t.name()) + " (" + n + " rows)"));
                    }
                }
            }
        }
        statements.add("drop type " + old);
        addFor("type " + name, Change.ALTER_TYPE, "Changed enum type: " + show(name) + " (" + String.join(", ", a) + " -> " + String.join(", ", b) + ")",
                "type altered", null, statements, hazards);
    }

    // ------------------------------------------------------------ sequences

    private void sequences() {
        for (String name : union(from.sequences().keySet(), to.sequences().keySet())) {
            Catalog.Sequence a = from.sequences().get(name);
            Catalog.Sequence b = to.sequences().get(name);
            String q = SqlNames.qualified(name);
            if (a == null) {
                addFor("sequence " + name, Change.CREATE_SEQUENCE, b.ownedBy() == null ? "New sequence: " + show(name) : null, b.ownedBy() == null ? "sequence added" : null,
                        null, List.of("create sequence " + q + " " + b.options()), List.of());
                if (b.ownedBy() != null) {
                    add(Change.SEQUENCE_OWNER, null, null, null, List.of("alter sequence " + q + " owned by " + ownedBy(b.ownedBy())), List.of());
                }
            } else if (b == null) {
                boolean goesWithTable = a.ownedBy() != null && (!to.tables().containsKey(tableOf(a.ownedBy()))
                        || to.tables().get(tableOf(a.ownedBy())).column(a.ownedBy().substring(a.ownedBy().lastIndexOf('.') + 1)) == null);
                if (!goesWithTable) {
                    addFor("sequence " + name, Change.DROP_SEQUENCE, a.ownedBy() == null ? "Dropped sequence: " + show(name) : null,
                            a.ownedBy() == null ? "sequence dropped" : null, null, List.of("drop sequence " + q), List.of());
                }
            } else {
                if (!a.options().equals(b.options())) {
                    List<String> statements = new ArrayList<>();
                    if (b.minValue() > a.minValue() || b.maxValue() < a.maxValue()) {
                        statements.addAll(clampInto(SqlNames.literal(q), a.start(), a.minValue(), a.maxValue(), b.minValue(), b.maxValue(),
                                (min, max) -> "alter sequence " + q + " as bigint minvalue " + min + " maxvalue " + max));
                    }
                    statements.add("alter sequence " + q + " " + b.options());
                    addFor("sequence " + name, Change.ALTER_COLUMN, "Changed sequence: " + show(name) + " (" + optionChanges(a, b) + ")", "sequence altered",
                            null, statements, List.of());
                }
                if (!Objects.equals(a.ownedBy(), b.ownedBy())) {
                    // Released before its old column or table goes (which would take it along), owned again once the new column exists.
                    String what = "Changed sequence: " + show(name) + " (owned by " + (a.ownedBy() == null ? "none" : show(a.ownedBy())) + " -> "
                            + (b.ownedBy() == null ? "none" : show(b.ownedBy())) + ")";
                    if (a.ownedBy() != null) {
                        add(Change.RELEASE_SEQUENCE, b.ownedBy() == null ? what : null, b.ownedBy() == null ? "sequence altered" : null, null,
                                List.of("alter sequence " + q + " owned by none"), List.of());
                    }
                    if (b.ownedBy() != null) {
                        add(Change.SEQUENCE_OWNER, what, "sequence altered", null, List.of("alter sequence " + q + " owned by " + ownedBy(b.ownedBy())),
                                List.of());
                    }
                }
            }
        }
    }

    /**
     * PostgreSQL refuses a range that leaves out a sequence's current value: widen the range to
     * both ranges ({@code widen} writes that statement from the two bounds), move the value into
     * the new range (it stays put when already inside), and only then set the new options.
     */
    private static List<String> clampInto(String sequence, long oldStart, long oldMin, long oldMax, long newMin, long newMax,
            java.util.function.BiFunction<Long, Long, String> widen) {
        String current = "coalesce(pg_sequence_last_value(" + sequence + "), " + oldStart + ")";
        List<String> statements = new ArrayList<>();
        if (newMin > oldMax || newMax < oldMin) {
            statements.add(widen.apply(Math.min(oldMin, newMin), Math.max(oldMax, newMax)));
        }
        statements.add("select setval(" + sequence + ", greatest(" + newMin + ", least(" + newMax + ", " + current + ")), pg_sequence_last_value("
                + sequence + ") is not null)");
        return statements;
    }

    /** The effective {start, min, max} of an identity of {@code columnType} with {@code options} (null: all defaults). */
    private static long[] identityBounds(String columnType, Catalog.SequenceOptions options) {
        long typeMax = columnType.equals("smallint") ? Short.MAX_VALUE : columnType.equals("integer") ? Integer.MAX_VALUE : Long.MAX_VALUE;
        long typeMin = columnType.equals("smallint") ? Short.MIN_VALUE : columnType.equals("integer") ? Integer.MIN_VALUE : Long.MIN_VALUE;
        boolean descending = options != null && options.increment() != null && options.increment() < 0;
        long min = options != null && options.minValue() != null ? options.minValue() : descending ? typeMin : 1;
        long max = options != null && options.maxValue() != null ? options.maxValue() : descending ? -1 : typeMax;
        long start = options != null && options.start() != null ? options.start() : descending ? max : min;
        return new long[] {start, min, max};
    }

    /** {@code as integer -> as bigint, increment by 1 -> increment by 10}: only the options that differ. */
    private static String optionChanges(Catalog.Sequence a, Catalog.Sequence b) {
        String[] was = a.options().replace("increment by", "increment_by").replace("start with", "start_with").replace("no cycle", "no_cycle").split(" ");
        String[] is = b.options().replace("increment by", "increment_by").replace("start with", "start_with").replace("no cycle", "no_cycle").split(" ");
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < was.length; i += 2) {
            String x = i + 1 < was.length ? was[i] + " " + was[i + 1] : was[i];
            String y = i + 1 < is.length ? is[i] + " " + is[i + 1] : is[i];
            if (!x.equals(y)) {
                parts.add(x.replace('_', ' ') + " -> " + y.replace('_', ' '));
            }
        }
        return String.join(", ", parts);
    }

    private static String tableOf(String ownedBy) {
        return ownedBy.substring(0, ownedBy.lastIndexOf('.'));
    }

    private static String ownedBy(String ownedBy) {
        return SqlNames.qualified(tableOf(ownedBy)) + "." + SqlNames.quote(ownedBy.substring(ownedBy.lastIndexOf('.') + 1));
    }

    // ------------------------------------------------------------ tables

    private void tables() throws LmsdbException {
        Set<String> dropped = new TreeSet<>(from.tables().keySet());
        dropped.removeAll(to.tables().keySet());
        Set<String> created = new TreeSet<>(to.tables().keySet());
        created.removeAll(from.tables().keySet());
        for (String name : created) {
            createTable(to.tables().get(name), dropped);
        }
        List<String> dropOrder = new ArrayList<>(dropped);
        // Children before the tables they inherit from: PostgreSQL refuses to drop a parent that has children.
        dropOrder.sort(Comparator.comparingInt((String n) -> -inheritanceDepth(from, n)).thenComparing(Comparator.naturalOrder()));
        for (String name : dropOrder) {
            Catalog.Table t = from.tables().get(name);
            // A default calling a function that is dropped too and whose body reads this table: the default goes first, then
            // the function, then the table (the creation's cycle, backwards).
            for (Catalog.Column c : t.columns()) {
                dropDefaultFirst(t, c);
            }
            // Their foreign keys go first, so that the tables can then be dropped in any order.
            for (Catalog.Constraint k : t.constraints().values()) {
                if (k.type().equals("f")) {
                    addFor("constraint " + name + "." + k.name(), Change.DROP_FOREIGN_KEY, null, null, name,
                            List.of("alter table " + SqlNames.qualified(name) + " drop constraint " + SqlNames.quote(k.name())), List.of());
                }
            }
            List<Hazard> hazards = new ArrayList<>();
            long n = rows.rows(name);
            if (n > 0) {
                hazards.add(new Hazard(Hazard.Kind.DATA_LOSS, "table " + show(name) + " has " + n + (n == 1 ? " row" : " rows")));
            }
            renameHint(hazards, "table " + show(name), created.stream().map(c -> to.tables().get(c)).filter(c -> sameColumns(c, t)).map(c -> show(c.name())).toList());
            addFor("table " + name, Change.DROP_TABLE, "Dropped table: " + show(name), "table dropped", name, List.of("drop table " + SqlNames.qualified(name)), hazards);
            // Foreign keys of remaining tables that point at it are dropped by the constraint diff.
        }
        for (String name : to.tables().keySet()) {
            if (from.tables().containsKey(name)) {
                alterTable(from.tables().get(name), to.tables().get(name));
            }
        }
    }

    private static boolean sameColumns(Catalog.Table a, Catalog.Table b) {
        return a.columns().stream().map(c -> c.name() + " " + c.type()).toList().equals(b.columns().stream().map(c -> c.name() + " " + c.type()).toList());
    }

    private static void renameHint(List<Hazard> hazards, String what, List<String> candidates) {
        if (!candidates.isEmpty()) {
            hazards.add(new Hazard(Hazard.Kind.RENAME_NOT_GUESSED, what + " is dropped and " + String.join(", ", candidates)
                    + " added with the same shape: if this is a rename, write ALTER ... RENAME instead to keep the data"));
        }
    }

    /**
     * The functions a column default of {@code t} calls that themselves need {@code t} (a SQL-standard body reading it), in
     * catalog {@code in}: a cycle PostgreSQL builds in two steps, the table without that default, then the functions, then
     * the default (and drops backwards). Empty for any other default.
     */
    /**
     * The functions of {@link #functionsNeedingTheTable} in the declared schema that the current one lacks. One it has (a
     * body replaced) needs nothing split: the table or column is created with the default calling the function as it is,
     * and the function replaced after; only the order's dependency is cut.
     */
    private Set<String> newFunctionsNeedingTheTable(Catalog.Table t, Catalog.Column c) {
        Set<String> cycle = functionsNeedingTheTable(to, t, c);
        Set<String> existing = new java.util.TreeSet<>(cycle);
        existing.removeIf(f -> !has(from, f));
        cut("table " + t.name(), existing);
        cycle.removeAll(existing);
        return cycle;
    }

    private static Set<String> functionsNeedingTheTable(Catalog in, Catalog.Table t, Catalog.Column c) {
        Set<String> cycle = new java.util.TreeSet<>();
        if (c.defaultValue() == null) {
            return cycle;
        }
        for (String dep : in.dependencies().getOrDefault(Catalog.dependencyKey("column", t.name() + "." + c.name()), List.of())) {
            if (dep.startsWith("function ") && in.dependencies().getOrDefault(dep, List.of()).stream()
                    .anyMatch(n -> n.equals("table " + t.name()) || n.startsWith("column " + t.name() + "."))) {
                cycle.add(dep);
            }
        }
        return cycle;
    }

    private void createTable(Catalog.Table t, Set<String> droppedTables) {
        String q = SqlNames.qualified(t.name());
        List<Catalog.Column> later = new ArrayList<>();
        Map<Catalog.Column, Set<String>> cycles = new java.util.LinkedHashMap<>();
        for (Catalog.Column c : t.columns()) {
            Set<String> cycle = newFunctionsNeedingTheTable(t, c);
            if (!cycle.isEmpty()) {
                later.add(c);
                cycles.put(c, cycle);
            }
        }
        List<String> columns = t.columns().stream().map(c -> later.contains(c) ? withoutDefault(c).definition() : c.definition()).toList();
        List<Hazard> hazards = new ArrayList<>();
        renameHint(hazards, "table " + show(t.name()), droppedTables.stream().map(d -> from.tables().get(d)).filter(d -> sameColumns(d, t))
                .map(d -> show(d.name()) + " (dropped)").toList());
        if (!t.inherits().isEmpty()) {
            // The columns its parents give it exactly as they are come from them; the others are declared (merged when a parent has them too).
            columns = t.columns().stream().filter(c -> t.inherits().stream().map(p -> to.tables().get(p))
                    .noneMatch(p -> p != null && c.equals(p.column(c.name())))).map(Catalog.Column::definition).toList();
        }
        addFor("table " + t.name(), Change.CREATE_TABLE + inheritanceDepth(to, t.name()), "New table: " + show(t.name()) + " (" + t.columns().size() + " columns)", "table added", t.name(),
                List.of("create " + (t.unlogged() ? "unlogged " : "") + "table " + q + " (" + (columns.isEmpty() ? "" : "\n    " + String.join(",\n    ", columns) + "\n") + ")"
                        + (t.inherits().isEmpty() ? "" : " inherits (" + String.join(", ", t.inherits().stream().map(SqlNames::qualified).toList()) + ")")
                        + (t.partitionKey() == null ? "" : " partition by " + t.partitionKey())
                        + (t.options().isEmpty() ? "" : " with (" + String.join(", ", t.options()) + ")")), hazards);
        if (t.replicaIdentity() != null) {
            add(Change.REPLICA_IDENTITY, null, null, t.name(), List.of("alter table " + q + " replica identity " + t.replicaIdentity()), List.of());
        }
        cycles.forEach((c, cycle) -> deferDefault(t.name(), c, cycle));
        for (Catalog.Constraint k : t.constraints().values()) {
            addFor("constraint " + t.name() + "." + k.name(), k.type().equals("f") ? Change.ADD_FOREIGN_KEY : Change.ADD_CONSTRAINT, null, null, t.name(),
                    List.of("alter table " + q + " add constraint " + SqlNames.quote(k.name()) + " " + k.definition()), List.of());
        }
        if (t.comment() != null) {
            add(Change.COMMENT, null, null, t.name(), List.of("comment on table " + q + " is " + SqlNames.literal(t.comment())), List.of());
        }
        if (t.rowSecurity() || t.forceRowSecurity()) {
            add(Change.CREATE_POLICY, null, null, t.name(), rowSecurity(q, null, t), List.of());
        }
        for (Catalog.Column c : t.columns()) {
            if (c.comment() != null) {
                add(Change.COMMENT, null, null, t.name(), List.of("comment on column " + q + "." + SqlNames.quote(c.name()) + " is "
                        + SqlNames.literal(c.comment())), List.of());
            }
        }
    }

    private void alterTable(Catalog.Table a, Catalog.Table b) throws LmsdbException {
        String q = SqlNames.qualified(a.name());
        String table = show(a.name());
        if (!Objects.equals(a.partitionKey(), b.partitionKey())) {
            throw refuse(a.partitionKey() == null ? "cannot make " + table + " a partitioned table"
                    : b.partitionKey() == null ? "cannot make the partitioned table " + table + " a plain table"
                    : "cannot change the partition key of " + table, "create a new table and move the data");
        }
        Set<String> addedColumns = new LinkedHashSet<>();
        Set<String> droppedColumns = new LinkedHashSet<>();
        for (Catalog.Column c : b.columns()) {
            if (a.column(c.name()) == null) {
                addedColumns.add(c.name());
            }
        }
        for (Catalog.Column c : a.columns()) {
            if (b.column(c.name()) == null) {
                droppedColumns.add(c.name());
            }
        }
        // A column a kept parent adds or drops reaches this child with it.
        droppedColumns.removeIf(name -> fromParent(a, b, name, false));
        addedColumns.removeIf(name -> fromParent(a, b, name, true));
        for (String name : droppedColumns) {
            Catalog.Column c = a.column(name);
            List<Hazard> hazards = new ArrayList<>();
            long n = rows.nonNull(a.name(), name);
            if (n > 0) {
                hazards.add(new Hazard(Hazard.Kind.DATA_LOSS, table + "." + name + " has " + n + (n == 1 ? " non-null value" : " non-null values")));
            }
            renameHint(hazards, "column " + table + "." + name, addedColumns.stream().filter(x -> b.column(x).type().equals(c.type()))
                    .map(x -> table + "." + x).toList());
            dropDefaultFirst(a, c);
            addFor("column " + a.name() + "." + name, Change.DROP_COLUMN, "Dropped column: " + table + "." + name + " (" + c.type() + ")", "column dropped", a.name(),
                    List.of("alter table " + q + " drop column " + SqlNames.quote(name)), hazards);
        }
        for (String name : addedColumns) {
            Catalog.Column declared = b.column(name);
            // A default calling a new function whose body reads this table: the column first, the default after the function.
            // The rows the table has would get no value from that default, so that is refused by name.
            Set<String> cycle = newFunctionsNeedingTheTable(b, declared);
            Catalog.Column c = cycle.isEmpty() ? declared : withoutDefault(declared);
            List<Hazard> hazards = new ArrayList<>();
            long n = rows.rows(a.name());
            if (!cycle.isEmpty() && n > 0) {
                throw refuse("cannot add " + table + "." + name + " with a default calling " + String.join(", ", cycle).replace("function ", "")
                        + ", a new function whose body reads " + table + ", while " + table + " has " + n + " rows (the function can only be "
                        + "created after the column, so the rows would get no value)", "add the column, create the function, fill the rows and "
                        + "set the default in that order");
            }
            if (c.notNull() && c.defaultValue() == null && c.identity() == null && c.generated() == null && n > 0) {
                hazards.add(new Hazard(Hazard.Kind.NOT_NULL_ON_ROWS, table + "." + name + " is NOT NULL without a default and " + table + " has "
                        + n + " rows: the statement fails; add a default, or add it nullable, fill it, then set NOT NULL"));
            }
            if ((c.generated() != null || c.identity() != null || volatileDefault(c.defaultValue())) && n > 0) {
                hazards.add(new Hazard(Hazard.Kind.TABLE_REWRITE, "adding " + table + "." + name + " rewrites " + table + " (" + n + " rows)"));
            }
            addFor("table " + a.name(), Change.ADD_COLUMN, "New column: " + table + "." + name + " (" + c.type() + ")", "column added", a.name(),
                    List.of("alter table " + q + " add column " + c.definition()), hazards);
            if (!cycle.isEmpty()) {
                deferDefault(a.name(), declared, cycle);
            }
            if (c.comment() != null) {
                add(Change.COMMENT, null, null, a.name(), List.of("comment on column " + q + "." + SqlNames.quote(name) + " is " + SqlNames.literal(c.comment())), List.of());
            }
        }
        for (Catalog.Column cb : b.columns()) {
            Catalog.Column ca = a.column(cb.name());
            if (ca != null) {
                alterColumn(a, ca, cb);
            }
        }
        for (String name : union(a.constraints().keySet(), b.constraints().keySet())) {
            Catalog.Constraint ka = a.constraints().get(name);
            Catalog.Constraint kb = b.constraints().get(name);
            if (Objects.equals(ka, kb)) {
                continue;
            }
            boolean columnGone = ka != null && droppedColumns.stream().anyMatch(col -> mentions(ka.definition(), col));
            if (ka != null && !columnGone) {
                addFor("constraint " + a.name() + "." + name, ka.type().equals("f") ? Change.DROP_FOREIGN_KEY : Change.DROP_CONSTRAINT,
                        kb == null ? "Dropped constraint: " + table + "." + name : null, kb == null ? "constraint dropped" : null, a.name(),
                        List.of("alter table " + q + " drop constraint " + SqlNames.quote(name)), List.of());
            }
            if (kb != null) {
                List<Hazard> hazards = new ArrayList<>();
                long n = rows.rows(a.name());
                if (n > 0 && (kb.type().equals("u") || kb.type().equals("p"))) {
                    hazards.add(new Hazard(Hazard.Kind.UNIQUE_ON_EXISTING_DATA, table + " has " + n + " rows: the constraint fails if they are not unique"));
                } else if (n > 0 && (kb.type().equals("c") || kb.type().equals("f"))) {
                    hazards.add(new Hazard(Hazard.Kind.LOCKING_SCAN, "validating " + name + " scans " + table + " (" + n
                            + " rows) under a lock; add it NOT VALID and VALIDATE CONSTRAINT later to avoid that"));
                }
                addFor("constraint " + a.name() + "." + name, kb.type().equals("f") ? Change.ADD_FOREIGN_KEY : Change.ADD_CONSTRAINT,
                        (ka == null ? "New constraint: " : "Changed constraint: ") + table + "." + name + " (" + kb.definition() + ")",
                        ka == null ? "constraint added" : "constraint altered", a.name(),
                        List.of("alter table " + q + " add constraint " + SqlNames.quote(name) + " " + kb.definition()), hazards);
            }
        }
        if (a.rowSecurity() != b.rowSecurity() || a.forceRowSecurity() != b.forceRowSecurity()) {
            List<Hazard> hazards = new ArrayList<>();
            if (a.rowSecurity() && !b.rowSecurity()) {
                hazards.add(new Hazard(Hazard.Kind.ROW_SECURITY_OFF, "disabling row-level security on " + table
                        + " lets every role with privileges on it read and change all its rows, whatever its policies say"));
            } else if (a.forceRowSecurity() && !b.forceRowSecurity() && b.rowSecurity()) {
                hazards.add(new Hazard(Hazard.Kind.ROW_SECURITY_OFF, "with NO FORCE ROW LEVEL SECURITY the owner of " + table
                        + " reads and changes all its rows again, whatever its policies say"));
            }
            add(Change.CREATE_POLICY, "Changed row-level security: " + table + " (" + rowSecurityLabel(a) + " -> " + rowSecurityLabel(b) + ")",
                    "table altered", a.name(), rowSecurity(q, a, b), hazards);
        }
        tableOptions(a, b);
        inheritance(a, b);
        if (!Objects.equals(a.comment(), b.comment())) {
            add(Change.COMMENT, "Changed comment: " + table, "comment changed", a.name(),
                    List.of("comment on table " + q + " is " + (b.comment() == null ? "null" : SqlNames.literal(b.comment()))), List.of());
        }
    }

    /** How many tables {@code table} inherits from above it, at most 3 (its phase offset: parents are created first). */
    private static int inheritanceDepth(Catalog c, String table) {
        int depth = 0;
        Set<String> seen = new java.util.HashSet<>();
        for (Catalog.Table t = c.tables().get(table); t != null && !t.inherits().isEmpty() && seen.add(t.name()); t = c.tables().get(t.inherits().get(0))) {
            depth++;
        }
        return Math.min(depth, 3);
    }

    /** Whether a parent {@code t} inherits from in both schemas changes its column of that name exactly as {@code a -> b}. */
    private boolean changesWithParent(Catalog.Table t, Catalog.Column a, Catalog.Column b) {
        Catalog.Table tb = to.tables().get(t.name());
        for (String parent : t.inherits()) {
            Catalog.Table pa = from.tables().get(parent);
            Catalog.Table pb = to.tables().get(parent);
            if (tb != null && tb.inherits().contains(parent) && pa != null && pb != null && pa.column(a.name()) != null && pb.column(a.name()) != null
                    && withoutComment(pa.column(a.name())).equals(withoutComment(a)) && withoutComment(pb.column(a.name())).equals(withoutComment(b))) {
                return true;
            }
        }
        return false;
    }

    private static Catalog.Column withoutComment(Catalog.Column c) {
        return new Catalog.Column(c.name(), c.type(), c.notNull(), c.defaultValue(), c.identity(), c.generated(), null, c.collation(), c.identityOptions());
    }

    /** Whether column {@code name} is added ({@code added}) or dropped on a parent {@code a} inherits from in both schemas. */
    private boolean fromParent(Catalog.Table a, Catalog.Table b, String name, boolean added) {
        for (String parent : a.inherits()) {
            Catalog.Table pa = from.tables().get(parent);
            Catalog.Table pb = to.tables().get(parent);
            if (b.inherits().contains(parent) && pa != null && pb != null && (pa.column(name) == null) == added && (pb.column(name) == null) != added) {
                return true;
            }
        }
        return false;
    }

    /**
     * INHERIT and NO INHERIT, after the columns and constraints. PostgreSQL wants a new child to hold its
     * parent's check constraints already: they are added first (and then count as the parent's). A table
     * that stops inheriting keeps them as its own: those the declared table does not have are dropped.
     */
    private void inheritance(Catalog.Table a, Catalog.Table b) {
        if (a.inherits().equals(b.inherits())) {
            return;
        }
        String q = SqlNames.qualified(a.name());
        List<String> statements = new ArrayList<>();
        for (String parent : a.inherits()) {
            if (!b.inherits().contains(parent)) {
                statements.add("alter table " + q + " no inherit " + SqlNames.qualified(parent));
                Catalog.Table p = from.tables().get(parent);
                for (Catalog.Constraint k : p.constraints().values()) {
                    if (k.type().equals("c") && !k.definition().contains("NO INHERIT") && !b.constraints().containsKey(k.name())
                            && a.inherits().stream().filter(o -> !o.equals(parent) && b.inherits().contains(o)).noneMatch(o -> from.tables().get(o).constraints().containsKey(k.name()))) {
                        statements.add("alter table " + q + " drop constraint " + SqlNames.quote(k.name()));
                    }
                }
            }
        }
        for (String parent : b.inherits()) {
            if (!a.inherits().contains(parent)) {
                Catalog.Table p = to.tables().get(parent);
                for (Catalog.Constraint k : p.constraints().values()) {
                    if (k.type().equals("c") && !k.definition().contains("NO INHERIT") && !a.constraints().containsKey(k.name())) {
                        statements.add("alter table " + q + " add constraint " + SqlNames.quote(k.name()) + " " + k.definition());
                    }
                }
                statements.add("alter table " + q + " inherit " + SqlNames.qualified(parent));
            }
        }
        add(Change.INHERIT, "Changed inheritance: " + show(a.name()) + " (" + (a.inherits().isEmpty() ? "none" : String.join(", ", a.inherits().stream().map(this::show).toList()))
                + " -> " + (b.inherits().isEmpty() ? "none" : String.join(", ", b.inherits().stream().map(this::show).toList())) + ")", "table altered", a.name(),
                statements, List.of());
    }

    /** UNLOGGED, storage parameters and the replica identity of a kept table. */
    private void tableOptions(Catalog.Table a, Catalog.Table b) throws LmsdbException {
        String q = SqlNames.qualified(a.name());
        String table = show(a.name());
        List<String> statements = new ArrayList<>();
        List<String> what = new ArrayList<>();
        List<Hazard> hazards = new ArrayList<>();
        if (a.unlogged() != b.unlogged()) {
            statements.add("alter table " + q + (b.unlogged() ? " set unlogged" : " set logged"));
            what.add(a.unlogged() ? "unlogged -> logged" : "logged -> unlogged");
            long n = rows.rows(a.name());
            if (n > 0) {
                hazards.add(new Hazard(Hazard.Kind.TABLE_REWRITE, "SET " + (b.unlogged() ? "UNLOGGED" : "LOGGED") + " rewrites " + table + " (" + n + " rows)"));
            }
        }
        statements.addAll(optionStatements("alter table " + q, a.options(), b.options(), what));
        if (!statements.isEmpty()) {
            add(Change.ALTER_COLUMN, "Changed table: " + table + " (" + String.join("; ", what) + ")", "table altered", a.name(), statements, hazards);
        }
    }

    /**
     * The replica identity of each kept table, after the indexes: set again when the index it names is
     * rebuilt (dropping that index leaves the table without one).
     */
    private void replicaIdentities() {
        for (String name : to.tables().keySet()) {
            Catalog.Table a = from.tables().get(name);
            Catalog.Table b = to.tables().get(name);
            if (a == null) {
                continue;
            }
            String q = SqlNames.qualified(name);
            String table = show(name);
            boolean indexRebuilt = b.replicaIdentity() != null && b.replicaIdentity().startsWith("USING INDEX ")
                    && changes.stream().flatMap(c -> c.statements().stream()).anyMatch(st -> {
                        String index = b.replicaIdentity().substring("USING INDEX ".length());
                        return st.contains(" INDEX " + index + " ON ") || st.contains(" add constraint " + index + " ");
                    });
            if (!Objects.equals(a.replicaIdentity(), b.replicaIdentity()) || indexRebuilt) {
                boolean changed = !Objects.equals(a.replicaIdentity(), b.replicaIdentity());
                add(Change.REPLICA_IDENTITY, changed ? "Changed replica identity: " + table + " (" + (a.replicaIdentity() == null ? "DEFAULT" : a.replicaIdentity())
                        + " -> " + (b.replicaIdentity() == null ? "DEFAULT" : b.replicaIdentity()) + ")" : null, changed ? "table altered" : null, a.name(),
                        List.of("alter table " + q + " replica identity " + (b.replicaIdentity() == null ? "default" : b.replicaIdentity())), List.of());
            }
        }
    }

    /**
     * {@code prefix set (k=v, ...)} for options added or changed and {@code prefix reset (k, ...)} for options
     * removed; each change described in {@code what} ({@code fillfactor=70 -> 80}).
     */
    /** A view column's default set ({@code expression}) or dropped (null): what an insert through the view gets. */
    private static String viewDefault(String view, String column, String expression) {
        return "alter view " + SqlNames.qualified(view) + " alter column " + SqlNames.quote(column)
                + (expression == null ? " drop default" : " set default " + expression);
    }

    private static List<String> optionStatements(String prefix, List<String> was, List<String> is, List<String> what) {
        Map<String, String> a = new java.util.TreeMap<>();
        Map<String, String> b = new java.util.TreeMap<>();
        was.forEach(o -> a.put(o.substring(0, o.indexOf('=')), o.substring(o.indexOf('=') + 1)));
        is.forEach(o -> b.put(o.substring(0, o.indexOf('=')), o.substring(o.indexOf('=') + 1)));
        List<String> set = new ArrayList<>();
        List<String> reset = new ArrayList<>();
        for (String k : union(a.keySet(), b.keySet())) {
            if (Objects.equals(a.get(k), b.get(k))) {
                continue;
            }
            if (b.get(k) == null) {
                reset.add(k);
            } else {
                set.add(k + "=" + b.get(k));
            }
            what.add((a.get(k) == null ? k + " default" : k + "=" + a.get(k)) + " -> " + (b.get(k) == null ? "default" : b.get(k)));
        }
        List<String> statements = new ArrayList<>();
        if (!reset.isEmpty()) {
            statements.add(prefix + " reset (" + String.join(", ", reset) + ")");
        }
        if (!set.isEmpty()) {
            statements.add(prefix + " set (" + String.join(", ", set) + ")");
        }
        return statements;
    }

    /** The ALTER TABLE statements that give {@code b}'s row-level security flags to a table that has {@code a}'s (null: a new table). */
    private static List<String> rowSecurity(String q, Catalog.Table a, Catalog.Table b) {
        List<String> statements = new ArrayList<>();
        boolean wasOn = a != null && a.rowSecurity();
        boolean wasForced = a != null && a.forceRowSecurity();
        if (wasOn != b.rowSecurity()) {
            statements.add("alter table " + q + (b.rowSecurity() ? " enable" : " disable") + " row level security");
        }
        if (wasForced != b.forceRowSecurity()) {
            statements.add("alter table " + q + (b.forceRowSecurity() ? " force" : " no force") + " row level security");
        }
        return statements;
    }

    private static String rowSecurityLabel(Catalog.Table t) {
        return (t.rowSecurity() ? "enabled" : "disabled") + (t.forceRowSecurity() ? ", forced" : "");
    }

    private static boolean mentions(String definition, String column) {
        return Pattern.compile("\\b" + Pattern.quote(column) + "\\b").matcher(definition).find()
                || definition.contains("\"" + column + "\"");
    }

    private void alterColumn(Catalog.Table t, Catalog.Column a, Catalog.Column b) throws LmsdbException {
        String q = SqlNames.qualified(t.name());
        String col = SqlNames.quote(a.name());
        String label = show(t.name()) + "." + a.name();
        List<String> statements = new ArrayList<>();
        List<String> what = new ArrayList<>();
        List<Hazard> hazards = new ArrayList<>();
        if (a.equals(b)) {
            return;
        }
        if (changesWithParent(t, a, b)) {
            // The parent's ALTER reaches this column (PostgreSQL refuses it on an inherited column): only its comment is its own.
            if (!Objects.equals(a.comment(), b.comment())) {
                add(Change.ALTER_COLUMN, "Changed column: " + label + " (comment)", "column altered", t.name(),
                        List.of("comment on column " + q + "." + col + " is " + (b.comment() == null ? "null" : SqlNames.literal(b.comment()))), List.of());
            }
            return;
        }
        long n = rows.rows(t.name());
        if (!Objects.equals(a.generated(), b.generated())) {
            // A generation expression cannot be altered in place: the column is replaced.
            statements.add("alter table " + q + " drop column " + col);
            statements.add("alter table " + q + " add column " + b.definition());
            what.add("generated " + (a.generated() == null ? "none" : a.generated()) + " -> " + (b.generated() == null ? "none" : b.generated()));
            if (n > 0) {
                hazards.add(new Hazard(Hazard.Kind.TABLE_REWRITE, "replacing " + label + " rewrites " + show(t.name()) + " (" + n + " rows)"));
                if (a.generated() == null) {
                    hazards.add(new Hazard(Hazard.Kind.DATA_LOSS, "the values of " + label + " are replaced by the expression"));
                }
            }
            addFor("table " + t.name(), Change.ALTER_COLUMN, "Changed column: " + label + " (" + String.join("; ", what) + ")", "column altered", t.name(), statements, hazards);
            return;
        }
        boolean typeChanges = !a.type().equals(b.type()) || !Objects.equals(a.collation(), b.collation());
        boolean defaultChanges = !Objects.equals(a.defaultValue(), b.defaultValue());
        if (typeChanges && a.defaultValue() != null) {
            statements.add("alter table " + q + " alter column " + col + " drop default");
        }
        if (typeChanges) {
            boolean collationOnly = a.type().equals(b.type());
            statements.add("alter table " + q + " alter column " + col + " type " + b.type()
                    + (b.collation() == null ? "" : " collate " + b.collation()) + " using " + col + "::" + b.type());
            what.add(a.type() + (a.collation() == null ? "" : " collate " + a.collation()) + " -> " + b.type()
                    + (b.collation() == null ? "" : " collate " + b.collation()));
            // A collation alone changes no stored value: the column's indexes are rebuilt, the table is not.
            TypeChange kind = collationOnly ? TypeChange.WIDENING_IN_PLACE : TypeChange.of(a.type(), b.type());
            if (n > 0 && kind != TypeChange.WIDENING_IN_PLACE) {
                hazards.add(new Hazard(Hazard.Kind.TABLE_REWRITE, "changing " + label + " to " + b.type() + " rewrites " + show(t.name()) + " (" + n + " rows)"));
            }
            if (kind == TypeChange.NARROWING && n > 0) {
                hazards.add(new Hazard(Hazard.Kind.DATA_LOSS, label + " narrows from " + a.type() + " to " + b.type()
                        + ": values that do not fit make it fail or are cut"));
            }
        }
        if (typeChanges && a.defaultValue() != null && b.defaultValue() != null) {
            statements.add("alter table " + q + " alter column " + col + " set default " + b.defaultValue());
        } else if (defaultChanges || typeChanges && b.defaultValue() != null) {
            if (b.defaultValue() == null) {
                if (!typeChanges) {
                    statements.add("alter table " + q + " alter column " + col + " drop default");
                }
            } else {
                statements.add("alter table " + q + " alter column " + col + " set default " + b.defaultValue());
            }
        }
        if (defaultChanges) {
            what.add("default " + (a.defaultValue() == null ? "none" : a.defaultValue()) + " -> " + (b.defaultValue() == null ? "none" : b.defaultValue()));
        }
        // Identity needs NOT NULL first; NOT NULL can go only after the identity.
        boolean setNotNull = b.notNull() && !a.notNull();
        if (setNotNull) {
            statements.add("alter table " + q + " alter column " + col + " set not null");
            what.add("now NOT NULL");
            long nulls = rows.nulls(t.name(), a.name());
            if (nulls > 0) {
                hazards.add(new Hazard(Hazard.Kind.NOT_NULL_ON_ROWS, label + " has " + nulls + " NULL values: SET NOT NULL fails until they are filled"));
            }
        }
        if (!Objects.equals(a.identity(), b.identity())) {
            if (b.identity() == null) {
                statements.add("alter table " + q + " alter column " + col + " drop identity");
            } else if (a.identity() == null) {
                statements.add("alter table " + q + " alter column " + col + " add generated "
                        + (b.identity().equals("a") ? "always" : "by default") + " as identity"
                        + (b.identityOptions() == null || b.identityOptions().isDefault() ? "" : " (" + b.identityOptions().create() + ")"));
                // The new identity starts at 1: move it past the values the column already holds.
                statements.add("select setval(pg_get_serial_sequence(" + SqlNames.literal(q) + ", " + SqlNames.literal(a.name()) + "), coalesce(max("
                        + col + "), 0) + 1, false) from " + q);
            } else {
                statements.add("alter table " + q + " alter column " + col + " set generated " + (b.identity().equals("a") ? "always" : "by default"));
            }
            what.add("identity " + identityLabel(a.identity()) + " -> " + identityLabel(b.identity()));
        }
        if (a.identity() != null && b.identity() != null && !Objects.equals(a.identityOptions(), b.identityOptions())) {
            Catalog.SequenceOptions options = b.identityOptions() == null ? new Catalog.SequenceOptions(null, null, null, null, null, false)
                    : b.identityOptions();
            long[] was = identityBounds(a.type(), a.identityOptions());
            long[] is = identityBounds(b.type(), options);
            if (is[1] > was[1] || is[2] < was[2]) {
                statements.addAll(clampInto("pg_get_serial_sequence(" + SqlNames.literal(q) + ", " + SqlNames.literal(a.name()) + ")::regclass",
                        was[0], was[1], was[2], is[1], is[2],
                        (min, max) -> "alter table " + q + " alter column " + col + " set minvalue " + min + " set maxvalue " + max));
            }
            statements.add("alter table " + q + " alter column " + col + " "
                    + String.join(" ", options.alter().stream().map(o -> "set " + o).toList()));
            what.add("identity options " + optionsLabel(a.identityOptions()) + " -> " + optionsLabel(options));
        }
        if (a.notNull() && !b.notNull()) {
            statements.add("alter table " + q + " alter column " + col + " drop not null");
            what.add("now nullable");
        }
        if (!Objects.equals(a.comment(), b.comment())) {
            statements.add("comment on column " + q + "." + col + " is " + (b.comment() == null ? "null" : SqlNames.literal(b.comment())));
            what.add("comment");
        }
        if (!statements.isEmpty()) {
            addFor("table " + t.name(), Change.ALTER_COLUMN, "Changed column: " + label + " (" + String.join("; ", what) + ")", "column altered", t.name(), statements, hazards);
        }
    }

    /** A default evaluated per row (a serial's nextval, random, uuid generators): adding such a column rewrites the table. */
    private static boolean volatileDefault(String expression) {
        if (expression == null) {
            return false;
        }
        String e = expression.toLowerCase(java.util.Locale.ROOT);
        return e.contains("nextval(") || e.contains("random(") || e.contains("gen_random_uuid(") || e.contains("uuid_generate")
                || e.contains("clock_timestamp(") || e.contains("timeofday(");
    }

    private static String optionsLabel(Catalog.SequenceOptions options) {
        return options == null || options.isDefault() ? "default" : options.create();
    }

    private static String identityLabel(String identity) {
        return identity == null ? "none" : identity.equals("a") ? "always" : "by default";
    }

    /** How a type change affects stored values. */
    enum TypeChange {
        /** Same storage, more room: varchar(50) to varchar(100) or text; no rewrite. */
        WIDENING_IN_PLACE,
        /** Every value fits, but the table is rewritten (int to bigint). */
        WIDENING,
        /** Values may not fit (varchar(100) to varchar(50), bigint to int, text to int). */
        NARROWING;

        private static final Pattern LENGTH = Pattern.compile("(character varying|character|varchar|numeric|bit varying)\\((\\d+)(?:,(\\d+))?\\)");
        private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");

        static TypeChange of(String from, String to) {
            Matcher a = LENGTH.matcher(from);
            Matcher b = LENGTH.matcher(to);
            if (from.startsWith("character varying") && (to.equals("text") || to.equals("character varying"))) {
                return WIDENING_IN_PLACE;
            }
            if (a.matches() && b.matches() && a.group(1).equals(b.group(1))) {
                int la = Integer.parseInt(a.group(2));
                int lb = Integer.parseInt(b.group(2));
                int sa = a.group(3) == null ? 0 : Integer.parseInt(a.group(3));
                int sb = b.group(3) == null ? 0 : Integer.parseInt(b.group(3));
                if (lb >= la && sb == sa) {
                    // varchar, numeric (same scale) and varbit grow in place; character(n) is padded, so rewritten.
                    return a.group(1).equals("character") ? WIDENING : WIDENING_IN_PLACE;
                }
                return NARROWING;
            }
            if (INTEGERS.contains(from) && INTEGERS.contains(to)) {
                return INTEGERS.indexOf(to) >= INTEGERS.indexOf(from) ? WIDENING : NARROWING;
            }
            if (INTEGERS.contains(from) && (to.startsWith("numeric") || to.equals("text") || to.equals("double precision"))) {
                return WIDENING;
            }
            return NARROWING;
        }
    }

    // ------------------------------------------------------------ indexes and views

    private void indexes() throws LmsdbException {
        for (String name : union(from.indexes().keySet(), to.indexes().keySet())) {
            Catalog.Index a = from.indexes().get(name);
            Catalog.Index b = to.indexes().get(name);
            if (Objects.equals(a, b)) {
                continue;
            }
            if (a != null && (to.tables().containsKey(a.table()) || to.views().containsKey(a.table())
                    || to.partitions().containsKey(a.table()))) {
                // An index on a materialized view that is rebuilt has already gone with it.
                String ifExists = from.views().containsKey(a.table()) ? "if exists " : "";
                addFor("index " + name, Change.DROP_INDEX, b == null ? "Dropped index: " + show(name) : null, b == null ? "index dropped" : null, a.table(),
                        List.of("drop index " + ifExists + SqlNames.qualified(name)), List.of());
            }
            if (b != null) {
                List<Hazard> hazards = new ArrayList<>();
                if (from.tables().containsKey(b.table())) {
                    long n = rows.rows(b.table());
                    if (n > 0) {
                        hazards.add(new Hazard(Hazard.Kind.BLOCKING_INDEX_BUILD, "building " + show(name) + " blocks writes to " + show(b.table())
                                + " (" + n + " rows); for a busy table use CREATE INDEX CONCURRENTLY in a migration of its own"));
                        if (b.unique()) {
                            hazards.add(new Hazard(Hazard.Kind.UNIQUE_ON_EXISTING_DATA, show(b.table()) + " has " + n
                                    + " rows: the unique index fails if they are not unique"));
                        }
                    }
                }
                addFor("index " + name, to.views().containsKey(b.table()) ? Change.CREATE_INDEX_ON_VIEW : Change.CREATE_INDEX,
                        (a == null ? "New index: " : "Changed index: ") + show(name), a == null ? "index added" : "index altered",
                        b.table(), List.of(createIndex(b)), hazards);
            }
        }
    }

    /**
     * PostgreSQL prints a partitioned table's index as {@code CREATE INDEX ... ON ONLY t}, which would
     * leave its partitions without it: created without ONLY, it reaches down to every partition.
     */
    private String createIndex(Catalog.Index index) {
        boolean partitioned = to.tables().containsKey(index.table()) && to.tables().get(index.table()).partitionKey() != null
                || to.partitions().containsKey(index.table()) && to.partitions().get(index.table()).partitionKey() != null;
        return partitioned ? index.definition().replaceFirst(" ON ONLY ", " ON ") : index.definition();
    }

    // ------------------------------------------------------------ partitions

    /**
     * Partitions by name: created as {@code PARTITION OF} their parent after it (parents of
     * sub-partitions first), dropped with their rows flagged (not when their parent goes, which takes
     * them along), re-attached when their bound or parent changes. A changed sub-partition key is
     * refused. Their own constraints are added and dropped like a table's.
     */
    private void partitions() throws LmsdbException {
        for (String name : union(from.partitions().keySet(), to.partitions().keySet())) {
            Catalog.Partition a = from.partitions().get(name);
            Catalog.Partition b = to.partitions().get(name);
            String q = SqlNames.qualified(name);
            if (b == null) {
                if (!gone(a.parent())) {
                    List<Hazard> hazards = new ArrayList<>();
                    long n = rows.rows(name);
                    if (n > 0) {
                        hazards.add(new Hazard(Hazard.Kind.DATA_LOSS, "partition " + show(name) + " has " + n + (n == 1 ? " row" : " rows")));
                    }
                    addFor("table " + name, Change.DROP_TABLE, "Dropped partition: " + show(name), "partition dropped", name, List.of("drop table " + q), hazards);
                }
                continue;
            }
            if (a == null) {
                addFor("table " + name, Change.CREATE_PARTITION + depth(name), "New partition: " + show(name) + " of " + show(b.parent()) + " " + b.bound(),
                        "partition added", name, List.of("create table " + q + " partition of " + SqlNames.qualified(b.parent()) + " "
                                + b.bound() + (b.partitionKey() == null ? "" : " partition by " + b.partitionKey())), List.of());
                for (Catalog.Constraint k : b.constraints().values()) {
                    addFor("constraint " + name + "." + k.name(), k.type().equals("f") ? Change.ADD_FOREIGN_KEY : Change.ADD_CONSTRAINT, null, null, name,
                            List.of("alter table " + q + " add constraint " + SqlNames.quote(k.name()) + " " + k.definition()), List.of());
                }
                continue;
            }
            if (!Objects.equals(a.partitionKey(), b.partitionKey())) {
                throw refuse(a.partitionKey() == null ? "cannot make partition " + show(name) + " a partitioned table"
                        : b.partitionKey() == null ? "cannot make the partitioned partition " + show(name) + " a plain one"
                        : "cannot change the partition key of " + show(name), "create a new partition and move the data");
            }
            if (!a.parent().equals(b.parent()) || !a.bound().equals(b.bound())) {
                List<Hazard> hazards = new ArrayList<>();
                long n = rows.rows(name);
                if (n > 0) {
                    hazards.add(new Hazard(Hazard.Kind.LOCKING_SCAN, "attaching " + show(name) + " scans its " + n + (n == 1 ? " row" : " rows")
                            + " to check the new bound; a row outside it makes the statement fail"));
                }
                addFor("table " + name, Change.CREATE_PARTITION + depth(name), "Changed partition: " + show(name) + " (" + (a.parent().equals(b.parent()) ? ""
                        : "of " + show(a.parent()) + " -> " + show(b.parent()) + "; ") + a.bound() + " -> " + b.bound() + ")", "partition altered", name,
                        List.of("alter table " + SqlNames.qualified(a.parent()) + " detach partition " + q,
                                "alter table " + SqlNames.qualified(b.parent()) + " attach partition " + q + " " + b.bound()), hazards);
            }
            for (String k : union(a.constraints().keySet(), b.constraints().keySet())) {
                Catalog.Constraint ka = a.constraints().get(k);
                Catalog.Constraint kb = b.constraints().get(k);
                if (Objects.equals(ka, kb)) {
                    continue;
                }
                if (ka != null) {
                    addFor("constraint " + name + "." + k, ka.type().equals("f") ? Change.DROP_FOREIGN_KEY : Change.DROP_CONSTRAINT, kb == null ? "Dropped constraint: " + show(name) + "." + k : null,
                            kb == null ? "constraint dropped" : null, name, List.of("alter table " + q + " drop constraint " + SqlNames.quote(k)), List.of());
                }
                if (kb != null) {
                    addFor("constraint " + name + "." + k, kb.type().equals("f") ? Change.ADD_FOREIGN_KEY : Change.ADD_CONSTRAINT,
                            (ka == null ? "New constraint: " : "Changed constraint: ") + show(name) + "." + k + " (" + kb.definition() + ")",
                            ka == null ? "constraint added" : "constraint altered", name,
                            List.of("alter table " + q + " add constraint " + SqlNames.quote(k) + " " + kb.definition()), List.of());
                }
            }
        }
    }

    /** A table or partition the declared schema no longer has (its partitions go with it). */
    private boolean gone(String relation) {
        return !to.tables().containsKey(relation) && !to.partitions().containsKey(relation);
    }

    /** How far below a plain partitioned table a partition is (0 for its direct partitions): parents are created first. */
    private int depth(String partition) {
        int depth = 0;
        for (Catalog.Partition p = to.partitions().get(partition); p != null && to.partitions().containsKey(p.parent()); p = to.partitions().get(p.parent())) {
            depth++;
        }
        return Math.min(depth, 4);
    }

    private void views() {
        // Views over altered columns (or a rebuilt enum) are rebuilt: PostgreSQL refuses to change a column a view uses.
        boolean columnsChange = changes.stream().anyMatch(c -> c.phase() == Change.DROP_COLUMN || c.phase() == Change.ALTER_COLUMN
                || c.phase() == Change.ALTER_TYPE && c.statements().stream().anyMatch(st -> st.startsWith("alter table")));
        Set<String> dropped = new LinkedHashSet<>();
        Set<String> createdOrRebuilt = new LinkedHashSet<>();
        for (String name : union(from.views().keySet(), to.views().keySet())) {
            Catalog.View a = from.views().get(name);
            Catalog.View b = to.views().get(name);
            boolean rebuild = columnsChange || viewsOverRebuilt.contains(name);
            if (Objects.equals(a, b) && !(a != null && rebuild)) {
                continue;
            }
            if (a != null && b != null && !rebuild && a.materialized() == b.materialized() && a.definition().equals(b.definition())
                    && Objects.equals(a.comment(), b.comment())) {
                // Only the WITH options or the column defaults differ: altered in place.
                List<String> what = new ArrayList<>();
                List<String> statements = new ArrayList<>(optionStatements("alter " + (a.materialized() ? "materialized view " : "view ")
                        + SqlNames.qualified(name), a.options(), b.options(), what));
                for (String column : union(a.defaults().keySet(), b.defaults().keySet())) {
                    String was = a.defaults().get(column);
                    String is = b.defaults().get(column);
                    if (!Objects.equals(was, is)) {
                        statements.add(viewDefault(name, column, is));
                        what.add("default of " + column + " " + (was == null ? "none" : was) + " -> " + (is == null ? "none" : is));
                    }
                }
                addFor("view " + name, Change.CREATE_VIEW, "Changed " + (a.materialized() ? "materialized view: " : "view: ") + show(name) + " (" + String.join("; ", what) + ")",
                        "view altered", null, statements, List.of());
                continue;
            }
            if (a != null) {
                dropped.add(name);
            }
            if (b != null) {
                createdOrRebuilt.add(name);
            }
        }
        // Drops: a view before the views it reads. Creations: a view after the views it reads.
        List<String> dropOrder = new ArrayList<>(dependencyOrder(dropped, from.views()));
        java.util.Collections.reverse(dropOrder);
        for (String name : dropOrder) {
            Catalog.View a = from.views().get(name);
            boolean gone = !to.views().containsKey(name);
            addFor("view " + name, Change.DROP_VIEW, gone ? "Dropped view: " + show(name) : null, gone ? "view dropped" : null, null,
                    List.of("drop " + (a.materialized() ? "materialized view " : "view ") + SqlNames.qualified(name)), List.of());
        }
        for (String name : dependencyOrder(createdOrRebuilt, to.views())) {
            Catalog.View a = from.views().get(name);
            Catalog.View b = to.views().get(name);
            String q = SqlNames.qualified(name);
            boolean changed = a != null && !a.equals(b);
            String def = b.definition().strip();
            if (def.endsWith(";")) {
                def = def.substring(0, def.length() - 1);
            }
            List<String> statements = new ArrayList<>();
            statements.add("create " + (b.materialized() ? "materialized view " : "view ") + q
                    + (b.options().isEmpty() ? "" : " with (" + String.join(", ", b.options()) + ")") + " as\n" + def);
            if (b.comment() != null) {
                statements.add("comment on " + (b.materialized() ? "materialized view " : "view ") + q + " is " + SqlNames.literal(b.comment()));
            }
            b.defaults().forEach((column, expression) -> statements.add(viewDefault(name, column, expression)));
            addFor("view " + name, Change.CREATE_VIEW, a == null ? "New view: " + show(name) : changed ? "Changed view: " + show(name) : null,
                    a == null ? "view added" : changed ? "view altered" : null, null, statements, List.of());
            if (a != null && b.materialized()) {
                // A rebuilt materialized view lost its indexes: create the ones it keeps again.
                for (Catalog.Index index : to.indexes().values()) {
                    if (index.table().equals(name) && index.equals(from.indexes().get(index.name()))) {
                        addFor("index " + index.name(), Change.CREATE_INDEX_ON_VIEW, null, null, name, List.of(index.definition()), List.of());
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------ functions and procedures

    /**
     * Functions and procedures by signature (name and argument types, so overloads are distinct).
     * A changed definition is replaced in place when PostgreSQL allows it (same kind, result and
     * argument list); otherwise it is dropped and created, which its triggers, policies, the views over
     * it and the defaults and table constraints that call it survive (they are rebuilt around it) and
     * anything else that uses it must not be left to (refused by name).
     */
    private void functions() throws LmsdbException {
        Map<String, Catalog.Function> a = bySignature(from);
        Map<String, Catalog.Function> b = bySignature(to);
        for (String signature : union(a.keySet(), b.keySet())) {
            Catalog.Function fa = a.get(signature);
            Catalog.Function fb = b.get(signature);
            if (fa != null && fb != null && fa.kind().equals(fb.kind()) && canonical(fa.definition()).equals(canonical(fb.definition()))) {
                continue;
            }
            if (fb == null) {
                checkDependants(fa, "it is dropped", false);
                addFor("function " + fa.signature(), Change.DROP_FUNCTION, "Dropped " + kindOf(fa) + ": " + show(fa.name()), kindOf(fa) + " dropped", null,
                        List.of("drop " + kindOf(fa) + " " + fa.signature()), List.of());
            } else if (fa == null) {
                addFor("function " + fb.signature(), Change.CREATE_FUNCTION, "New " + kindOf(fb) + ": " + show(fb.name()), kindOf(fb) + " added", null, create(fb), List.of());
            } else {
                String reason = replaceBlocker(fa, fb);
                List<String> statements = new ArrayList<>();
                List<Hazard> hazards = new ArrayList<>();
                String what;
                if (reason == null) {
                    what = "definition";
                    for (String dependant : fa.dependants()) {
                        if (dependant.startsWith("view|") && !viewRebuilt(dependant.substring(5))) {
                            hazards.add(new Hazard(Hazard.Kind.VIEW_RESULT_CHANGE, "the new definition of " + show(fa.name()) + " changes what view "
                                    + show(dependant.substring(5)) + " returns"));
                        }
                    }
                } else {
                    checkDependants(fa, reason, true);
                    what = reason;
                    for (String dependant : fa.dependants()) {
                        if (dependant.startsWith("view|") && to.views().containsKey(dependant.substring(5))) {
                            hazards.add(new Hazard(Hazard.Kind.VIEW_RESULT_CHANGE, "the new definition of " + show(fb.name()) + " changes what view "
                                    + show(dependant.substring(5)) + " returns"));
                        }
                    }
                    statements.add("drop " + kindOf(fa) + " " + fa.signature());
                }
                statements.addAll(create(fb));
                addFor("function " + fb.signature(), Change.CREATE_FUNCTION, "Changed " + kindOf(fb) + ": " + show(fb.name()) + " (" + what + ")", kindOf(fb) + " altered", null,
                        statements, hazards);
            }
        }
    }

    /** Aggregates are left out: they have no CREATE statement to compare (they stay "not compared"). */
    private static Map<String, Catalog.Function> bySignature(Catalog c) {
        Map<String, Catalog.Function> map = new java.util.TreeMap<>();
        c.functions().values().stream().filter(f -> !f.kind().equals("a")).forEach(f -> map.put(f.signature(), f));
        return map;
    }

    private static String kindOf(Catalog.Function f) {
        return f.kind().equals("p") ? "procedure" : "function";
    }

    /** pg_get_functiondef's text, without the line ends and trailing blanks that do not change what it does. */
    static String canonical(String definition) {
        return String.join("\n", definition.replace("\r\n", "\n").lines().map(String::stripTrailing).toList()).strip();
    }

    /**
     * Why CREATE OR REPLACE cannot turn {@code a} into {@code b} (PostgreSQL refuses to change the
     * kind, the result type, or the names and defaults of the arguments that way), or null.
     */
    private static String replaceBlocker(Catalog.Function a, Catalog.Function b) {
        if (!a.kind().equals(b.kind())) {
            return "function -> procedure";
        }
        if (!Objects.equals(a.result(), b.result())) {
            return "returns " + a.result() + " -> " + b.result();
        }
        String headerA = canonical(a.definition()).lines().findFirst().orElse("");
        String headerB = canonical(b.definition()).lines().findFirst().orElse("");
        if (!headerA.equals(headerB)) {
            return "arguments " + headerA.substring(headerA.indexOf('(')) + " -> " + headerB.substring(headerB.indexOf('('));
        }
        return null;
    }

    /** Its CREATE statement; a SQL function's body may name tables created later in the script, so it is not checked here. */
    private static List<String> create(Catalog.Function f) {
        String definition = canonical(f.definition());
        if (definition.contains("\n LANGUAGE sql\n") && !definition.contains("BEGIN ATOMIC")) {
            return List.of("set check_function_bodies = off", definition, "reset check_function_bodies");
        }
        return List.of(definition);
    }

    /**
     * A function dropped (for good, or to be created again: {@code beforeCreate}) takes nothing with
     * it: each dependant is gone by then, or is a trigger, policy, view, default or table constraint
     * rebuilt around it, or the change is refused by name.
     */
    private void checkDependants(Catalog.Function f, String reason, boolean beforeCreate) throws LmsdbException {
        for (String dependant : f.dependants()) {
            String[] part = dependant.split("\\|", 3);
            boolean gone = switch (part[0]) {
                case "trigger" -> rebuiltTriggers.add(part[1]) || true;
                case "view" -> viewRebuilt(part[1]);
                case "default" -> {
                    Catalog.Table t = to.tables().get(part[1]);
                    Catalog.Column was = from.tables().containsKey(part[1]) ? from.tables().get(part[1]).column(part[2]) : null;
                    if (t == null || t.column(part[2]) == null) {
                        yield true;
                    }
                    Catalog.Column is = t.column(part[2]);
                    if (!beforeCreate || was == null) {
                        yield was != null && !Objects.equals(was.defaultValue(), is.defaultValue());
                    }
                    rebuildDefault(part[1], was, is);
                    yield true;
                }
                case "other" -> part[1].startsWith("type ") && typeDropped(part[1].substring("type ".length()));
                case "policy" -> {
                    if (!to.policies().containsKey(part[1])) {
                        yield true;
                    }
                    if (beforeCreate) {
                        // Dropped before the function, created again after it (the diff's order does that).
                        rebuiltPolicies.add(part[1]);
                        yield true;
                    }
                    // Altered in place, which the diff orders before the drop.
                    yield !Objects.equals(from.policies().get(part[1]), to.policies().get(part[1]));
                }
                case "function" -> !to.functions().containsKey(part[1]) || !beforeCreate && from.functions().containsKey(part[1])
                        && !canonical(from.functions().get(part[1]).definition()).equals(canonical(to.functions().get(part[1]).definition()));
                case "constraint" -> {
                    if (part[1].isEmpty() || !from.tables().containsKey(part[1])) {
                        // A domain's (its rebuild is refused) or a partition's.
                        yield !part[1].isEmpty() && !to.tables().containsKey(part[1]) && !to.partitions().containsKey(part[1]);
                    }
                    Catalog.Table t = to.tables().get(part[1]);
                    Catalog.Constraint was = from.tables().get(part[1]).constraints().get(part[2]);
                    if (t == null || !Objects.equals(was, t.constraints().get(part[2]))) {
                        // Gone with its table, or dropped (and added again) by the table's own changes.
                        yield true;
                    }
                    if (beforeCreate) {
                        rebuildConstraint(part[1], was);
                    }
                    yield beforeCreate;
                }
                default -> false;
            };
            if (!gone) {
                String what = switch (part[0]) {
                    case "view" -> "view " + show(part[1]);
                    case "default" -> "the default of " + show(part[1]) + "." + part[2];
                    case "constraint" -> "constraint " + (part[1].isEmpty() ? "" : show(part[1]) + ".") + part[2];
                    case "policy" -> "policy " + show(part[1]);
                    case "function" -> "function " + show(part[1]);
                    default -> part[1];
                };
                throw refuse("cannot drop " + kindOf(f) + " " + show(f.name()) + " (" + reason + ") while " + what + " uses it",
                        "PostgreSQL would have to drop " + what + " with it; change " + what + " first, or write the drop and the "
                                + "re-creation of both yourself");
            }
        }
    }

    /**
     * The default of {@code table}'s column {@code was} calls a function this diff drops and creates again: it is
     * dropped before the function (a drop, which the dependency order puts first) and set again after it, unless the
     * column's own change sets a new one.
     */
    private void rebuildDefault(String table, Catalog.Column was, Catalog.Column is) {
        String q = SqlNames.qualified(table);
        String col = SqlNames.quote(was.name());
        addFor("column " + table + "." + was.name(), Change.DROP_CONSTRAINT, null, null, table,
                List.of("alter table " + q + " alter column " + col + " drop default"), List.of());
        if (is.defaultValue() != null && is.defaultValue().equals(was.defaultValue())) {
            addFor("table " + table, Change.ALTER_COLUMN, null, null, table, List.of("alter table " + q + " alter column " + col + " set default "
                    + is.defaultValue()), List.of());
        }
    }

    /** A kept constraint of {@code table} that calls a function this diff drops and creates again: dropped before it, added again after. */
    private void rebuildConstraint(String table, Catalog.Constraint k) throws LmsdbException {
        String q = SqlNames.qualified(table);
        String key = "constraint " + table + "." + k.name();
        List<Hazard> hazards = new ArrayList<>();
        long n = rows.rows(table);
        if (n > 0) {
            hazards.add(new Hazard(Hazard.Kind.LOCKING_SCAN, "validating " + k.name() + " again scans " + show(table) + " (" + n
                    + " rows) under a lock"));
        }
        addFor(key, Change.DROP_CONSTRAINT, null, null, table, List.of("alter table " + q + " drop constraint " + SqlNames.quote(k.name())), List.of());
        addFor(key, Change.ADD_CONSTRAINT, null, null, table, List.of("alter table " + q + " add constraint " + SqlNames.quote(k.name()) + " "
                + k.definition()), hazards);
    }

    /** A type ({@code pg_describe_object} spelling: qualified unless visible) this diff drops, for good or to rebuild it. */
    private boolean typeDropped(String described) {
        String name = described.contains(".") ? described : first + "." + described;
        String q = SqlNames.qualified(name);
        return changes.stream().flatMap(c -> c.statements().stream()).anyMatch(st -> st.equals("drop type " + q) || st.equals("drop domain " + q));
    }

    /** A view (or materialized view) this diff drops, for good or to rebuild it. */
    private boolean viewRebuilt(String view) {
        String q = SqlNames.qualified(view);
        return changes.stream().anyMatch(c -> c.phase() == Change.DROP_VIEW
                && c.statements().stream().anyMatch(st -> st.equals("drop view " + q) || st.equals("drop materialized view " + q)));
    }

    // ------------------------------------------------------------ triggers

    /**
     * Triggers by table and name: a changed one is dropped and created again in the same migration;
     * its enable state alone is altered. A rebuilt view lost its INSTEAD OF triggers: they are created again.
     */
    private void triggers() {
        for (String name : union(from.triggers().keySet(), to.triggers().keySet())) {
            Catalog.Trigger ta = from.triggers().get(name);
            Catalog.Trigger tb = to.triggers().get(name);
            boolean onRebuiltView = ta != null && viewRebuilt(ta.table());
            boolean tableGone = ta != null && !to.tables().containsKey(ta.table()) && !to.views().containsKey(ta.table());
            boolean sameDefinition = ta != null && tb != null && ta.definition().equals(tb.definition());
            boolean create = tb != null && (!sameDefinition || rebuiltTriggers.contains(name) || onRebuiltView);
            String table = show((ta != null ? ta : tb).table());
            String trigger = name.substring((ta != null ? ta : tb).table().length() + 1);
            if (ta != null && (tb == null || create) && !tableGone && !onRebuiltView) {
                List<Hazard> hazards = tb == null
                        ? List.of(new Hazard(Hazard.Kind.TRIGGER_DROPPED, "dropping " + trigger + " stops " + effect(ta.definition()) + " on " + table))
                        : List.of();
                addFor("trigger " + name, Change.DROP_TRIGGER, tb == null ? "Dropped trigger: " + table + "." + trigger : null, tb == null ? "trigger dropped" : null,
                        ta.table(), List.of("drop trigger " + SqlNames.quote(trigger) + " on " + SqlNames.qualified(ta.table())), hazards);
            }
            if (create) {
                List<String> statements = new ArrayList<>();
                statements.add(tb.definition());
                if (!tb.enabled().equals("O")) {
                    statements.add(enable(tb, trigger));
                }
                addFor("trigger " + name, Change.CREATE_TRIGGER, ta == null ? "New trigger: " + table + "." + trigger : !sameDefinition ? "Changed trigger: " + table + "." + trigger : null,
                        ta == null ? "trigger added" : !sameDefinition ? "trigger altered" : null, tb.table(), statements, List.of());
            } else if (ta != null && tb != null && !ta.enabled().equals(tb.enabled())) {
                addFor("trigger " + name, Change.CREATE_TRIGGER, "Changed trigger: " + table + "." + trigger + " (" + enabledLabel(ta.enabled()) + " -> "
                        + enabledLabel(tb.enabled()) + ")", "trigger altered", tb.table(), List.of(enable(tb, trigger)), List.of());
            }
        }
    }

    // ------------------------------------------------------------ policies

    /**
     * Row-level security policies by table and name. A change PostgreSQL can make in place (roles,
     * USING, WITH CHECK, none of them removed) is an ALTER POLICY; a changed command or mode, or a
     * removed expression, drops and creates the policy. A policy on a table whose columns this diff
     * drops or alters is dropped first and created again after (PostgreSQL refuses to drop or retype
     * a column a policy uses); one on a dropped table goes with it.
     */
    private void policies() {
        Set<String> columnsChange = new TreeSet<>();
        changes.stream().filter(c -> (c.phase() == Change.DROP_COLUMN || c.phase() == Change.ALTER_COLUMN) && c.table() != null)
                .forEach(c -> columnsChange.add(c.table()));
        for (String name : union(from.policies().keySet(), to.policies().keySet())) {
            Catalog.Policy pa = from.policies().get(name);
            Catalog.Policy pb = to.policies().get(name);
            Catalog.Policy any = pa != null ? pa : pb;
            String label = show(any.table()) + "." + any.policy();
            String on = " on " + SqlNames.qualified(any.table());
            boolean rebuilt = pa != null && (columnsChange.contains(pa.table()) || rebuiltPolicies.contains(name));
            if (pb == null) {
                if (to.tables().containsKey(pa.table()) || to.partitions().containsKey(pa.table())) {
                    addFor("policy " + name, Change.DROP_POLICY, "Dropped policy: " + label, "policy dropped", pa.table(),
                            List.of("drop policy " + SqlNames.quote(pa.policy()) + on), List.of(policyDropped(pa)));
                }
                continue;
            }
            if (pa == null) {
                addFor("policy " + name, Change.CREATE_POLICY, "New policy: " + label, "policy added", pb.table(), List.of(pb.create()), List.of());
                continue;
            }
            if (pa.equals(pb) && !rebuilt) {
                continue;
            }
            List<String> what = new ArrayList<>();
            if (pa.permissive() != pb.permissive()) {
                what.add(pb.permissive() ? "restrictive -> permissive" : "permissive -> restrictive");
            }
            if (!pa.command().equals(pb.command())) {
                what.add("for " + pa.command() + " -> " + pb.command());
            }
            if (!pa.roles().equals(pb.roles())) {
                what.add("to " + String.join(", ", pa.roles()) + " -> " + String.join(", ", pb.roles()));
            }
            if (!Objects.equals(pa.using(), pb.using())) {
                what.add("using " + (pa.using() == null ? "none" : pa.using()) + " -> " + (pb.using() == null ? "none" : pb.using()));
            }
            if (!Objects.equals(pa.withCheck(), pb.withCheck())) {
                what.add("with check " + (pa.withCheck() == null ? "none" : pa.withCheck()) + " -> "
                        + (pb.withCheck() == null ? "none" : pb.withCheck()));
            }
            String description = what.isEmpty() ? null : "Changed policy: " + label + " (" + String.join("; ", what) + ")";
            String counter = what.isEmpty() ? null : "policy altered";
            boolean inPlace = !rebuilt && pa.permissive() == pb.permissive() && pa.command().equals(pb.command())
                    && (pa.using() == null || pb.using() != null) && (pa.withCheck() == null || pb.withCheck() != null);
            if (inPlace) {
                StringBuilder alter = new StringBuilder("alter policy " + SqlNames.quote(pb.policy()) + on);
                if (!pa.roles().equals(pb.roles())) {
                    alter.append(" to ").append(String.join(", ", pb.roles()));
                }
                if (!Objects.equals(pa.using(), pb.using())) {
                    alter.append(" using (").append(pb.using()).append(')');
                }
                if (!Objects.equals(pa.withCheck(), pb.withCheck())) {
                    alter.append(" with check (").append(pb.withCheck()).append(')');
                }
                addFor("policy " + name, Change.CREATE_POLICY, description, counter, pb.table(), List.of(alter.toString()), List.of());
            } else {
                addFor("policy " + name, Change.DROP_POLICY, null, null, pa.table(), List.of("drop policy " + SqlNames.quote(pa.policy()) + on), List.of());
                addFor("policy " + name, Change.CREATE_POLICY, description, counter, pb.table(), List.of(pb.create()), List.of());
            }
        }
    }

    // ------------------------------------------------------------ privileges

    /**
     * GRANT and REVOKE statements, per object, from what it holds now to what it should hold. An
     * object created (or dropped and created again: a rebuilt view, a replaced routine) by this diff
     * starts from PostgreSQL's defaults (EXECUTE to PUBLIC for routines, nothing for the rest), so its
     * privileges are granted again. Revoking from a role that held the privilege is flagged.
     */
    private void privileges() {
        for (String key : union(from.privileges().keySet(), to.privileges().keySet())) {
            Catalog.Privileges pa = from.privileges().get(key);
            Catalog.Privileges pb = to.privileges().get(key);
            Catalog.Privileges any = pb != null ? pb : pa;
            String name = key.substring(any.kind().length() + 1);
            if (!exists(to, any.kind(), name)) {
                continue;
            }
            boolean fresh = !exists(from, any.kind(), name) || recreated(any.kind(), name);
            List<String> was = fresh ? Catalog.Privileges.defaults(any.kind()) : pa == null ? List.of() : pa.grants();
            List<String> is = pb == null ? List.of() : pb.grants();
            if (was.equals(is)) {
                continue;
            }
            String on = " on " + any.kind() + " " + switch (any.kind()) {
                case "table", "sequence" -> SqlNames.qualified(name);
                case "schema" -> SqlNames.quote(name);
                default -> any.object();
            };
            List<String> statements = new ArrayList<>();
            List<String> what = new ArrayList<>();
            List<Hazard> hazards = new ArrayList<>();
            Map<String, List<String>> revokes = new java.util.TreeMap<>();
            Map<String, List<String>> revokeOptions = new java.util.TreeMap<>();
            for (String g : was) {
                if (is.contains(g) || is.contains(g + " *")) {
                    // Kept, or given the grant option too: the GRANT below adds it.
                    continue;
                }
                String[] part = grant(g);
                boolean keepsPrivilege = part[2] != null && is.contains(part[0] + " " + part[1]);
                (keepsPrivilege ? revokeOptions : revokes).computeIfAbsent(part[1], r -> new ArrayList<>()).add(part[0]);
            }
            revokes.forEach((role, privileges) -> {
                statements.add("revoke " + String.join(", ", privileges) + on + " from " + role);
                what.add("revoke " + String.join(", ", privileges) + " from " + role);
                if (!fresh) {
                    hazards.add(new Hazard(Hazard.Kind.PRIVILEGE_REVOKED, "revoking " + String.join(", ", privileges) + " on " + any.kind() + " "
                            + show(name) + " from " + role + " makes its statements that need " + (privileges.size() == 1 ? "it" : "them") + " fail"));
                }
            });
            revokeOptions.forEach((role, privileges) -> {
                statements.add("revoke grant option for " + String.join(", ", privileges) + on + " from " + role);
                what.add("revoke grant option for " + String.join(", ", privileges) + " from " + role);
            });
            Map<String, List<String>> grants = new java.util.TreeMap<>();
            for (String g : is) {
                String[] part = grant(g);
                if (!was.contains(g) && !(part[2] == null && was.contains(g + " *"))) {
                    grants.computeIfAbsent(part[1] + (part[2] == null ? "" : " *"), r -> new ArrayList<>()).add(part[0]);
                }
            }
            grants.forEach((grantee, privileges) -> {
                boolean option = grantee.endsWith(" *");
                String role = option ? grantee.substring(0, grantee.length() - 2) : grantee;
                statements.add("grant " + String.join(", ", privileges) + on + " to " + role + (option ? " with grant option" : ""));
                what.add("grant " + String.join(", ", privileges) + " to " + role + (option ? " with grant option" : ""));
            });
            if (!statements.isEmpty()) {
                add(Change.GRANT, fresh ? null : "Changed privileges: " + any.kind() + " " + show(name) + " (" + String.join("; ", what) + ")",
                        fresh ? null : "privileges changed", null, statements, hazards);
            }
        }
    }

    // ------------------------------------------------------------ comments

    /**
     * Comments on the kinds that have no comment field of their own (see {@link Catalog.Comment}), after
     * everything else. An object this diff creates, or drops and creates again (a rebuilt index, trigger,
     * policy, enum or view, a replaced routine), starts without a comment, so its comment is set again.
     */
    private void comments() {
        for (String key : union(from.comments().keySet(), to.comments().keySet())) {
            Catalog.Comment ca = from.comments().get(key);
            Catalog.Comment cb = to.comments().get(key);
            Catalog.Comment any = cb != null ? cb : ca;
            if (!commented(to, any)) {
                continue;
            }
            boolean fresh = !commented(from, any) || recreated(any);
            String was = fresh || ca == null ? null : ca.text();
            String is = cb == null ? null : cb.text();
            if (Objects.equals(was, is)) {
                continue;
            }
            String label = any.kind() + " " + show(any.owner()) + (any.member() == null ? "" : "." + any.member());
            add(Change.COMMENT, fresh ? null : "Changed comment: " + label, fresh ? null : "comment changed", null,
                    List.of("comment on " + any.target() + " is " + (is == null ? "null" : SqlNames.literal(is))), List.of());
        }
    }

    /** Whether the object {@code comment} is on exists in {@code c}. */
    private static boolean commented(Catalog c, Catalog.Comment comment) {
        String owner = comment.owner();
        return switch (comment.kind()) {
            case "index" -> c.indexes().containsKey(owner);
            case "sequence" -> c.sequences().containsKey(owner);
            case "constraint" -> c.tables().containsKey(owner) ? c.tables().get(owner).constraints().containsKey(comment.member())
                    : c.partitions().containsKey(owner) ? c.partitions().get(owner).constraints().containsKey(comment.member())
                    : c.domains().containsKey(owner) && c.domains().get(owner).hasConstraint(comment.member());
            case "type" -> c.enums().containsKey(owner) || c.domains().containsKey(owner) || c.composites().containsKey(owner)
                    || c.ranges().containsKey(owner);
            case "function", "procedure" -> c.functions().containsKey(owner);
            case "trigger" -> c.triggers().containsKey(owner + "." + comment.member());
            case "schema" -> c.presentSchemas().contains(owner);
            case "policy" -> c.policies().containsKey(owner + "." + comment.member());
            case "column" -> c.views().containsKey(owner);
            case "partition" -> c.partitions().containsKey(owner);
            default -> false;
        };
    }

    /** Whether this diff drops and creates again the object {@code comment} is on (so that its comment is gone). */
    private boolean recreated(Catalog.Comment comment) {
        String owner = comment.owner();
        String q = comment.kind().equals("function") || comment.kind().equals("procedure") || comment.kind().equals("schema") ? null
                : SqlNames.qualified(owner);
        java.util.function.Predicate<String> creates = switch (comment.kind()) {
            case "index" -> st -> st.equals(createIndex(to.indexes().get(owner)));
            case "sequence" -> st -> st.startsWith("create sequence " + q + " ");
            case "constraint" -> st -> st.startsWith("alter table " + q + " add constraint " + SqlNames.quote(comment.member()) + " ")
                    || st.startsWith("alter domain " + q + " add constraint " + SqlNames.quote(comment.member()) + " ")
                    || st.startsWith("create domain " + q + " ");
            case "type" -> st -> st.startsWith("create type " + q + " ") || st.startsWith("create domain " + q + " ");
            case "function", "procedure" -> st -> st.equals("drop " + comment.kind() + " " + from.functions().get(owner).signature());
            case "trigger" -> st -> st.equals(to.triggers().get(owner + "." + comment.member()).definition());
            case "schema" -> st -> st.equals("create schema " + SqlNames.quote(owner));
            case "policy" -> st -> st.equals(to.policies().get(owner + "." + comment.member()).create());
            case "column" -> st -> st.startsWith("create view " + q + " ") || st.startsWith("create materialized view " + q + " ");
            case "partition" -> st -> st.startsWith("create table " + q + " partition of ");
            default -> st -> false;
        };
        return changes.stream().flatMap(c -> c.statements().stream()).anyMatch(creates);
    }

    /** {@code SELECT reporting *} as {privilege, grantee, "*" or null}. */
    private static String[] grant(String entry) {
        boolean option = entry.endsWith(" *");
        String rest = entry.substring(entry.indexOf(' ') + 1, option ? entry.length() - 2 : entry.length());
        return new String[] {entry.substring(0, entry.indexOf(' ')), rest, option ? "*" : null};
    }

    private static boolean exists(Catalog c, String kind, String name) {
        return switch (kind) {
            case "table" -> c.tables().containsKey(name) || c.views().containsKey(name);
            case "sequence" -> c.sequences().containsKey(name);
            case "schema" -> c.presentSchemas().contains(name);
            default -> c.functions().containsKey(name);
        };
    }

    /** An object this diff drops and creates again: it comes back with PostgreSQL's default privileges. */
    private boolean recreated(String kind, String name) {
        if (kind.equals("table")) {
            return viewRebuilt(name);
        }
        if (kind.equals("function") || kind.equals("procedure")) {
            Catalog.Function f = from.functions().get(name);
            String drop = "drop " + kindOf(f) + " " + f.signature();
            return changes.stream().anyMatch(c -> c.statements().contains(drop));
        }
        return false;
    }

    private Hazard policyDropped(Catalog.Policy p) {
        String whom = String.join(", ", p.roles()) + " (" + p.command() + ")";
        Catalog.Table t = to.tables().get(p.table());
        boolean lastPermissive = p.permissive() && t != null && t.rowSecurity() && to.policies().values().stream()
                .noneMatch(o -> o.table().equals(p.table()) && o.permissive());
        return new Hazard(Hazard.Kind.POLICY_DROPPED, p.permissive()
                ? "dropping policy " + p.policy() + " on " + show(p.table()) + " withdraws the rows it allowed " + whom
                        + (lastPermissive ? "; no permissive policy is left, so only the owner sees its rows" : "")
                : "dropping restrictive policy " + p.policy() + " on " + show(p.table()) + " opens the rows it kept from " + whom);
    }

    private static String enable(Catalog.Trigger t, String trigger) {
        String how = switch (t.enabled()) {
            case "D" -> "disable trigger ";
            case "R" -> "enable replica trigger ";
            case "A" -> "enable always trigger ";
            default -> "enable trigger ";
        };
        return "alter table " + SqlNames.qualified(t.table()) + " " + how + SqlNames.quote(trigger);
    }

    private static String enabledLabel(String enabled) {
        return switch (enabled) {
            case "D" -> "disabled";
            case "R" -> "enabled replica";
            case "A" -> "enabled always";
            default -> "enabled";
        };
    }

    private static final Pattern TRIGGER_TIMING = Pattern.compile("TRIGGER \\S+ (BEFORE|AFTER|INSTEAD OF) (.+?) ON ");
    private static final Pattern TRIGGER_FUNCTION = Pattern.compile("EXECUTE (?:FUNCTION|PROCEDURE) (.+)$");

    /** {@code running set_updated_at() BEFORE UPDATE}: what a trigger does, from its definition. */
    private static String effect(String definition) {
        Matcher timing = TRIGGER_TIMING.matcher(definition);
        Matcher function = TRIGGER_FUNCTION.matcher(definition);
        return "running " + (function.find() ? function.group(1) : "its function") + (timing.find() ? " " + timing.group(1) + " " + timing.group(2) : "");
    }

    /** The views in an order where each comes after the views its definition reads. */
    private static List<String> dependencyOrder(Set<String> names, Map<String, Catalog.View> views) {
        List<String> ordered = new ArrayList<>();
        Set<String> visiting = new java.util.HashSet<>();
        for (String name : names) {
            visit(name, names, views, ordered, visiting);
        }
        return ordered;
    }

    private static void visit(String name, Set<String> names, Map<String, Catalog.View> views, List<String> ordered, Set<String> visiting) {
        if (ordered.contains(name) || !visiting.add(name)) {
            return;
        }
        String definition = views.get(name).definition();
        for (String other : names) {
            String bare = other.substring(other.indexOf('.') + 1);
            if (!other.equals(name) && Pattern.compile("\\b" + Pattern.quote(bare) + "\\b").matcher(definition).find()) {
                visit(other, names, views, ordered, visiting);
            }
        }
        ordered.add(name);
    }

    private static <T extends Comparable<T>> Set<T> union(Set<T> a, Set<T> b) {
        Set<T> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** Summary counts: {@code 1 table altered, 1 column added, 1 index added}. */
    public static String summary(List<Change> changes) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        Set<String> alteredTables = new TreeSet<>();
        for (Change c : changes) {
            if (c.counter() == null) {
                continue;
            }
            counts.merge(c.counter(), 1, Integer::sum);
            if (c.table() != null && !c.counter().startsWith("table ")) {
                alteredTables.add(c.table());
            }
        }
        Set<String> createdOrDropped = new TreeSet<>();
        changes.stream().filter(c -> "table added".equals(c.counter()) || "table dropped".equals(c.counter())).forEach(c -> createdOrDropped.add(c.table()));
        alteredTables.removeAll(createdOrDropped);
        List<String> parts = new ArrayList<>();
        if (!alteredTables.isEmpty()) {
            parts.add(alteredTables.size() + (alteredTables.size() == 1 ? " table altered" : " tables altered"));
        }
        counts.forEach((what, n) -> parts.add(n + " " + plural(what, n)));
        return String.join(", ", parts);
    }

    private static String plural(String counter, int n) {
        if (n == 1) {
            return counter;
        }
        int space = counter.indexOf(' ');
        String noun = counter.substring(0, space);
        String plural = noun.endsWith("x") ? noun + "es" : noun + "s";
        return plural + counter.substring(space);
    }

    /** Flattened statements, for applying a diff directly. */
    public static List<String> statements(List<Change> changes) {
        return changes.stream().flatMap(c -> c.statements().stream()).toList();
    }
}
