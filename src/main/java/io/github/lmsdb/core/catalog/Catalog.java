package io.github.lmsdb.core.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable model of the application objects of the managed schemas (see {@link Scope}),
 * detailed enough to write DDL from and to tell what a script changed: enum types, domains,
 * composite types, sequences, tables with their columns, constraints and comments, indexes,
 * views, functions, triggers, row-level security policies, privileges, extensions and partitions. Read by {@link CatalogReader} with a fixed number of catalog
 * queries, whatever the number of tables. Names are qualified ({@code public.users}) so that two
 * catalogs compare exactly; {@link CatalogDelta} turns two of them into the changes previews show.
 */
public record Catalog(
        List<String> schemas,
        Map<String, List<String>> enums,
        Map<String, Sequence> sequences,
        Map<String, Table> tables,
        Map<String, Index> indexes,
        Map<String, View> views,
        Map<String, Domain> domains,
        Map<String, Composite> composites,
        Map<String, Function> functions,
        Map<String, Trigger> triggers,
        Map<String, Policy> policies,
        Map<String, Privileges> privileges,
        Map<String, Extension> extensions,
        Map<String, Partition> partitions,
        Map<String, Comment> comments,
        Map<String, RangeType> ranges,
        List<String> presentSchemas,
        Map<String, List<String>> dependencies) {

    /**
     * @param schemas the managed schemas (the scope read), the first being the default one
     * @param presentSchemas those of them that exist in the database read, sorted
     * @param dependencies what each object needs to exist first, from {@code pg_depend} (and {@code pg_rewrite} for
     *     views), by object key (see {@link #dependencyKey}) to the sorted keys it depends on. It orders the
     *     statements of a diff; it is derived from the objects, so it takes no part in {@link #equals} or the fingerprint.
     */
    public Catalog {
        presentSchemas = List.copyOf(presentSchemas);
        dependencies = dependencies == null ? Map.of() : dependencies;
    }

    /** A catalog without dependencies: the diff then orders by kind alone. */
    public Catalog(List<String> schemas, Map<String, List<String>> enums, Map<String, Sequence> sequences, Map<String, Table> tables,
            Map<String, Index> indexes, Map<String, View> views, Map<String, Domain> domains, Map<String, Composite> composites,
            Map<String, Function> functions, Map<String, Trigger> triggers, Map<String, Policy> policies, Map<String, Privileges> privileges,
            Map<String, Extension> extensions, Map<String, Partition> partitions, Map<String, Comment> comments, Map<String, RangeType> ranges,
            List<String> presentSchemas) {
        this(schemas, enums, sequences, tables, indexes, views, domains, composites, functions, triggers, policies, privileges, extensions,
                partitions, comments, ranges, presentSchemas, Map.of());
    }

    /**
     * How {@link #dependencies} names an object: {@code table public.orders} (also partitions; what depends on a column
     * depends on its table and on {@code column public.orders.total}, and a default is both), {@code view public.v}, {@code sequence public.s}, {@code index public.i},
     * {@code constraint public.orders.orders_pkey} (also the index of a key), {@code type public.mood} (enums,
     * domains with their constraints, composite and range types; an array type is its element's),
     * {@code function public.f(integer)} (its {@link Function#signature}), {@code trigger public.orders.touch}, {@code policy public.orders.own}.
     */
    public static String dependencyKey(String kind, String name) {
        return kind + " " + name;
    }

    /** A catalog in which every managed schema exists. */
    public Catalog(List<String> schemas, Map<String, List<String>> enums, Map<String, Sequence> sequences, Map<String, Table> tables,
            Map<String, Index> indexes, Map<String, View> views, Map<String, Domain> domains, Map<String, Composite> composites,
            Map<String, Function> functions, Map<String, Trigger> triggers, Map<String, Policy> policies, Map<String, Privileges> privileges,
            Map<String, Extension> extensions, Map<String, Partition> partitions) {
        this(schemas, enums, sequences, tables, indexes, views, domains, composites, functions, triggers, policies, privileges, extensions,
                partitions, Map.of(), Map.of(),
                schemas.stream().sorted().toList());
    }

    /**
     * A column. {@code collation} is set only when it is not its type's default ({@code "C"});
     * {@code identityOptions} are an identity's sequence options that differ from the defaults.
     */
    public record Column(String name, String type, boolean notNull, String defaultValue, String identity, String generated, String comment,
            String collation, SequenceOptions identityOptions) {
        public Column(String name, String type, boolean notNull, String defaultValue, String identity, String generated, String comment) {
            this(name, type, notNull, defaultValue, identity, generated, comment, null, null);
        }

        /** The column as it appears in CREATE TABLE and ADD COLUMN. */
        public String definition() {
            StringBuilder sb = new StringBuilder(SqlNames.quote(name)).append(' ').append(type);
            if (collation != null) {
                sb.append(" collate ").append(collation);
            }
            if (generated != null) {
                sb.append(" generated always as (").append(generated).append(") stored");
            } else if (defaultValue != null) {
                sb.append(" default ").append(defaultValue);
            }
            if (identity != null) {
                sb.append(identity.equals("a") ? " generated always as identity" : " generated by default as identity");
                if (identityOptions != null && !identityOptions.isDefault()) {
                    sb.append(" (").append(identityOptions.create()).append(')');
                }
            }
            if (notNull) {
                sb.append(" not null");
            }
            return sb.toString();
        }
    }

    /** Sequence options that differ from PostgreSQL's defaults for the sequence's type and direction; null means the default. */
    public record SequenceOptions(Long start, Long increment, Long minValue, Long maxValue, Long cache, boolean cycle) {
        public boolean isDefault() {
            return start == null && increment == null && minValue == null && maxValue == null && cache == null && !cycle;
        }

        /** As in CREATE SEQUENCE and an identity's options: {@code start with 100 increment by 10}. */
        public String create() {
            List<String> parts = new java.util.ArrayList<>();
            if (start != null) {
                parts.add("start with " + start);
            }
            if (increment != null) {
                parts.add("increment by " + increment);
            }
            if (minValue != null) {
                parts.add("minvalue " + minValue);
            }
            if (maxValue != null) {
                parts.add("maxvalue " + maxValue);
            }
            if (cache != null) {
                parts.add("cache " + cache);
            }
            if (cycle) {
                parts.add("cycle");
            }
            return String.join(" ", parts);
        }

        /**
         * The clauses of ALTER SEQUENCE (or, each prefixed with SET, of ALTER COLUMN) that give these
         * options to a sequence that has any others: every option is set, a default one back to its default.
         */
        public List<String> alter() {
            boolean descending = increment != null && increment < 0;
            List<String> parts = new java.util.ArrayList<>();
            parts.add("increment by " + (increment == null ? 1 : increment));
            parts.add(minValue == null ? "no minvalue" : "minvalue " + minValue);
            parts.add(maxValue == null ? "no maxvalue" : "maxvalue " + maxValue);
            long defaultStart = descending ? (maxValue == null ? -1 : maxValue) : (minValue == null ? 1 : minValue);
            parts.add("start with " + (start == null ? defaultStart : start));
            parts.add("cache " + (cache == null ? 1 : cache));
            parts.add(cycle ? "cycle" : "no cycle");
            return parts;
        }
    }

    /** {@code type}: p primary key, u unique, c check, f foreign key, x exclusion. */
    public record Constraint(String name, String type, String definition) {}

    /**
     * {@code partitionKey} is {@code pg_get_partkeydef} ({@code RANGE (created_at)}) for a partitioned table, else null;
     * {@code rowSecurity} and {@code forceRowSecurity} are its ENABLE and FORCE ROW LEVEL SECURITY flags.
     */
    public record Table(String name, List<Column> columns, Map<String, Constraint> constraints, String comment, long rows, String partitionKey,
            boolean rowSecurity, boolean forceRowSecurity, boolean unlogged, List<String> options, String replicaIdentity, List<String> inherits) {
        /**
         * @param unlogged whether it is UNLOGGED
         * @param options its storage parameters ({@code fillfactor=70}, {@code autovacuum_enabled=false}), sorted
         * @param replicaIdentity {@code FULL}, {@code NOTHING} or {@code USING INDEX name}; null for the default
         * @param inherits the tables it inherits from (INHERITS, not partitioning), qualified, in declaration order
         */
        public Table {
            options = List.copyOf(options);
            inherits = List.copyOf(inherits);
        }

        public Table(String name, List<Column> columns, Map<String, Constraint> constraints, String comment, long rows, String partitionKey,
                boolean rowSecurity, boolean forceRowSecurity) {
            this(name, columns, constraints, comment, rows, partitionKey, rowSecurity, forceRowSecurity, false, List.of(), null, List.of());
        }

        public Table(String name, List<Column> columns, Map<String, Constraint> constraints, String comment, long rows) {
            this(name, columns, constraints, comment, rows, null, false, false);
        }

        public Table(String name, List<Column> columns, Map<String, Constraint> constraints, String comment, long rows, String partitionKey) {
            this(name, columns, constraints, comment, rows, partitionKey, false, false);
        }

        /** The same table with another row estimate. */
        Table withRows(long rows) {
            return new Table(name, columns, constraints, comment, rows, partitionKey, rowSecurity, forceRowSecurity, unlogged, options, replicaIdentity,
                    inherits);
        }

        public Column column(String column) {
            return columns.stream().filter(c -> c.name().equals(column)).findFirst().orElse(null);
        }
    }

    /** An index no primary key, unique or exclusion constraint owns; {@code table} is qualified. */
    public record Index(String name, String table, String definition, boolean unique) {}

    /**
     * A view or materialized view; {@code options} are its {@code WITH} options, sorted: {@code check_option=local},
     * {@code security_barrier=true}, {@code security_invoker=true} for a view, storage parameters for a materialized view.
     */
    /** {@code defaults}: a view's column defaults ({@code ALTER VIEW ... ALTER COLUMN ... SET DEFAULT}), by column, sorted. */
    public record View(String name, String definition, boolean materialized, String comment, List<String> options, Map<String, String> defaults) {
        public View {
            options = List.copyOf(options);
            defaults = java.util.Collections.unmodifiableMap(new TreeMap<>(defaults));
        }

        public View(String name, String definition, boolean materialized, String comment, List<String> options) {
            this(name, definition, materialized, comment, options, Map.of());
        }

        public View(String name, String definition, boolean materialized, String comment) {
            this(name, definition, materialized, comment, List.of());
        }
    }

    /** {@code ownedBy} is {@code table.column} for a sequence a column owns (a serial's), else null. */
    public record Sequence(String name, String type, long start, long increment, String ownedBy, long minValue, long maxValue, long cache,
            boolean cycle) {
        public Sequence(String name, String type, long start, long increment, String ownedBy) {
            this(name, type, start, increment, ownedBy, 1, Long.MAX_VALUE, 1, false);
        }

        /** Its options as in CREATE SEQUENCE and ALTER SEQUENCE, all of them written out. */
        public String options() {
            return "as " + type + " increment by " + increment + " minvalue " + minValue + " maxvalue " + maxValue + " start with " + start
                    + " cache " + cache + (cycle ? " cycle" : " no cycle");
        }
    }

    /**
     * A domain over {@code baseType} ({@code format_type} spelling); {@code collation} only when it is not its base
     * type's default; {@code constraints} its check constraints by name, each as {@code pg_get_constraintdef} prints it
     * ({@code CHECK ((VALUE > 0)) NOT VALID}).
     */
    public record Domain(String name, String baseType, boolean notNull, String defaultValue, String collation, Map<String, String> constraints) {
        public Domain {
            constraints = java.util.Collections.unmodifiableMap(new TreeMap<>(constraints));
        }

        /** The check constraints' definitions, by constraint name. */
        public List<String> checks() {
            return List.copyOf(constraints.values());
        }

        public boolean hasConstraint(String constraint) {
            return constraints.containsKey(constraint);
        }
    }

    /** A free-standing composite type (not a table's row type); attributes as {@code name type}. */
    public record Composite(String name, List<String> attributes) {}

    /**
     * A function, procedure or aggregate. {@code name} is the qualified signature
     * ({@code public.add_one(i integer)}); {@code bodyHash} the md5 of its source, which tells a
     * changed body; {@code definition} the CREATE statement (null for aggregates, which have none).
     * {@code signature} is the quoted name with the argument types only ({@code public.add_one(integer)}):
     * what PostgreSQL tells overloads apart by, and what DROP names. {@code dependants} are the objects
     * that use it, sorted, each as {@code view|public.v}, {@code trigger|public.t.name},
     * {@code default|public.t|column}, {@code constraint|public.t|name}, {@code policy|public.t.name},
     * {@code function|public.g(i integer)} (a SQL-standard body that calls it) or {@code other|<description>}.
     */
    public record Function(String name, String kind, String result, String bodyHash, String definition, String signature,
            List<String> dependants) {
        public Function {
            dependants = List.copyOf(dependants);
        }
    }

    /**
     * {@code name} is {@code table.trigger} with the table qualified; {@code table} is qualified;
     * {@code enabled} is {@code pg_trigger.tgenabled}: O enabled, D disabled, R replica, A always.
     */
    public record Trigger(String name, String table, String definition, String enabled) {}

    /**
     * A row-level security policy. {@code name} is {@code table.policy} with the table qualified; {@code command} is
     * ALL, SELECT, INSERT, UPDATE or DELETE; {@code roles} are sorted and quoted ({@code public} for everyone);
     * {@code using} and {@code withCheck} are the expressions as PostgreSQL prints them, or null.
     */
    public record Policy(String name, String table, String policy, boolean permissive, String command, List<String> roles, String using,
            String withCheck) {
        public Policy {
            roles = List.copyOf(roles);
        }

        /** Its CREATE POLICY statement. */
        public String create() {
            return "create policy " + SqlNames.quote(policy) + " on " + SqlNames.qualified(table) + " as " + (permissive ? "permissive" : "restrictive")
                    + " for " + command.toLowerCase(java.util.Locale.ROOT) + " to " + String.join(", ", roles)
                    + (using == null ? "" : " using (" + using + ")") + (withCheck == null ? "" : " with check (" + withCheck + ")");
        }
    }

    /**
     * The privileges roles other than the owner hold on one object (the owner's own are not compared).
     * {@code key} is {@link #key}; {@code kind} is {@code table} (also views and materialized views),
     * {@code sequence}, {@code schema}, {@code function} or {@code procedure}; {@code object} is how GRANT
     * names it ({@code public.orders}, quoted; a routine with its argument types). Each of {@code grants}
     * is {@code PRIVILEGE grantee} ({@code SELECT reporting}, {@code EXECUTE PUBLIC}), followed by
     * {@code  *} when it comes with the grant option; sorted.
     */
    public record Privileges(String key, String kind, String object, List<String> grants) {
        public Privileges {
            grants = List.copyOf(grants);
        }

        /** {@code table public.orders}, {@code function public.f(integer)}: kind and unquoted qualified name or signature. */
        public static String key(String kind, String name) {
            return kind + " " + name;
        }

        /** What a new object of {@code kind} grants to others before any GRANT: EXECUTE to PUBLIC for routines, nothing else. */
        public static List<String> defaults(String kind) {
            return kind.equals("function") || kind.equals("procedure") ? List.of("EXECUTE PUBLIC") : List.of();
        }
    }

    /**
     * An extension installed in the database (other than plpgsql), wherever its objects live; its
     * member objects are left out of every other kind. {@code updates} are the versions
     * {@code ALTER EXTENSION ... UPDATE TO} reaches from {@code version} on the server read, sorted.
     */
    public record Extension(String name, String version, String schema, List<String> updates) {
        public Extension {
            updates = List.copyOf(updates);
        }
    }

    /**
     * A partition of a partitioned table ({@code parent}, qualified), with its bound as PostgreSQL prints
     * it ({@code FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')}, {@code DEFAULT}), its own partition key
     * when it is partitioned in turn, and the constraints it has of its own (not those it inherits).
     * Its columns are its parent's.
     */
    public record Partition(String name, String parent, String bound, String partitionKey, Map<String, Constraint> constraints, long rows) {
        Partition withRows(long rows) {
            return new Partition(name, parent, bound, partitionKey, constraints, rows);
        }
    }

    /**
     * A comment on an object that has no comment field of its own (tables, their columns and views have):
     * indexes, sequences, constraints (of tables, partitions and domains), types, functions and procedures,
     * triggers, schemas, policies, columns of views and materialized views, partitions and their columns.
     * {@code kind} is one of {@code index sequence constraint type function procedure trigger schema policy
     * column partition}; {@code owner} the qualified object (for a constraint, trigger, policy or column: its
     * table, view, partition or domain; for a function: its name with identity arguments); {@code member}
     * the constraint, trigger, policy or column name, else null; {@code target} what follows COMMENT ON
     * ({@code index public.orders_idx}, quoted).
     */
    public record Comment(String kind, String owner, String member, String target, String text) {
        /** {@code index public.orders_idx}, {@code trigger public.orders.touch}: how comments are keyed. */
        public String key() {
            return kind + " " + owner + (member == null ? "" : "." + member);
        }
    }

    /** A range type: its subtype ({@code format_type} spelling) and the options given to CREATE TYPE ... AS RANGE, or null. */
    public record RangeType(String name, String subtype, String subtypeOpclass, String collation, String canonical, String subtypeDiff,
            String multirange) {}

    /** A catalog without any object, for comparing a schema with nothing. */
    public static Catalog empty(List<String> schemas) {
        return new Catalog(List.copyOf(schemas), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
    }

    public boolean isEmpty() {
        return enums.isEmpty() && sequences.isEmpty() && tables.isEmpty() && indexes.isEmpty() && views.isEmpty()
                && domains.isEmpty() && composites.isEmpty() && functions.isEmpty() && triggers.isEmpty() && policies.isEmpty() && extensions.isEmpty() && partitions.isEmpty()
                && ranges.isEmpty();
    }

    /** Reads the application objects of {@code schemaNames}: {@link CatalogReader#read(Connection, Scope)}. */
    public static Catalog read(Connection c, Collection<String> schemaNames) throws SQLException {
        return CatalogReader.read(c, Scope.of(schemaNames));
    }

    /**
     * A SHA-256 over a canonical rendering of the catalog: each kind of object in a fixed order, each map sorted by name,
     * row estimates left out (as {@link #equals} leaves them out). Two readings of an unchanged schema give the same
     * fingerprint; any change of an object this model holds gives another. Plans record it to tell that the database they
     * were made for is still the database they are applied to.
     */
    public String fingerprint() {
        StringBuilder out = new StringBuilder("lmsdb-catalog-1\n");
        canonical(out, "schema", schemas);
        canonical(out, "present", presentSchemas);
        canonical(out, "enum", enums);
        canonical(out, "domain", domains);
        canonical(out, "composite", composites);
        canonical(out, "sequence", sequences);
        canonical(out, "table", tablesWithoutRows());
        canonical(out, "index", indexes);
        canonical(out, "view", views);
        canonical(out, "function", functions);
        canonical(out, "trigger", triggers);
        canonical(out, "policy", policies);
        canonical(out, "privileges", privileges);
        canonical(out, "extension", extensions);
        canonical(out, "partition", partitionsWithoutRows());
        canonical(out, "comment", comments);
        canonical(out, "range", ranges);
        return io.github.lmsdb.core.io.Sha256.of(out.toString());
    }

    private static void canonical(StringBuilder out, String kind, List<String> names) {
        out.append(kind).append('\t').append(String.join(",", names)).append('\n');
    }

    private static void canonical(StringBuilder out, String kind, Map<String, ?> objects) {
        // Records render their components in declaration order and the reader's nested maps are sorted, so toString is canonical.
        new TreeMap<>(objects).forEach((name, object) -> out.append(kind).append('\t').append(name).append('\t').append(object).append('\n'));
    }

    /** Row estimates are not part of a schema: two catalogs that differ only in them are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Catalog other && schemas.equals(other.schemas) && enums.equals(other.enums)
                && sequences.equals(other.sequences) && views.equals(other.views) && indexes.equals(other.indexes)
                && domains.equals(other.domains) && composites.equals(other.composites) && functions.equals(other.functions)
                && triggers.equals(other.triggers) && policies.equals(other.policies) && privileges.equals(other.privileges) && extensions.equals(other.extensions)
                && partitionsWithoutRows().equals(other.partitionsWithoutRows()) && tablesWithoutRows().equals(other.tablesWithoutRows())
                && comments.equals(other.comments) && ranges.equals(other.ranges) && presentSchemas.equals(other.presentSchemas);
    }

    private Map<String, Table> tablesWithoutRows() {
        Map<String, Table> map = new TreeMap<>();
        tables.forEach((k, t) -> map.put(k, t.withRows(0)));
        return map;
    }

    private Map<String, Partition> partitionsWithoutRows() {
        Map<String, Partition> map = new TreeMap<>();
        partitions.forEach((k, p) -> map.put(k, p.withRows(0)));
        return map;
    }

    @Override
    public int hashCode() {
        return Objects.hash(schemas, enums, sequences, views, indexes, domains, composites, functions, triggers, policies, privileges, extensions, partitionsWithoutRows(), tablesWithoutRows(),
                comments, ranges, presentSchemas);
    }
}
