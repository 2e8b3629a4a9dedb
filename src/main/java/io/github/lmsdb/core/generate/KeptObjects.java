package io.github.lmsdb.core.generate;

import io.github.lmsdb.core.catalog.Catalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The declared schema of a source that cannot describe everything (JPA entities), completed with the objects of the current
 * schema it cannot describe, so that the diff keeps them instead of dropping them: tables without an entity, views,
 * functions, triggers, types, sequences no column owns, check and exclusion constraints, partial, expression and non-btree
 * indexes, column defaults and comments, policies, grants, extensions, partitions and range types, and a mapped table's
 * row-level security, storage parameters, UNLOGGED, replica identity, inheritance and partition key. A column missing from a mapped table is still dropped (its field was removed), and
 * so is what JPA can declare (primary keys, unique constraints, foreign keys, plain indexes), except that a constraint or
 * index the entities declare under another name, with the same definition, keeps the database's name.
 *
 * @param catalog the declared schema with the kept objects
 * @param kept the kept objects, for the report ("not in the entities")
 */
public record KeptObjects(Catalog catalog, List<Kept> kept) {
    /**
     * One kept object.
     *
     * @param table the table it belongs to (a kept table itself), or null for a schema-level object (function, view, type...)
     * @param kind {@code table}, {@code default}, {@code column comment}, {@code table comment}, {@code check constraint},
     *     {@code exclusion constraint}, {@code index}, {@code trigger}, {@code sequence}, {@code view}, {@code function}...
     * @param name its name (a column's for a default or column comment; unqualified within its table), or null
     * @param detail the default's value, why an index is kept, or null
     */
    public record Kept(String table, String kind, String name, String detail) {
        /** One line, e.g. {@code check constraint public.users.users_email_check}. */
        public String describe() {
            return switch (kind) {
                case "table" -> "table " + table + " (no entity maps it)";
                case "default" -> "default of " + table + "." + name + " (" + detail + ")";
                case "column comment" -> "comment on column " + table + "." + name;
                case "table comment" -> "comment on table " + table;
                case "index" -> "index " + name + " on " + table + " (" + detail + ")";
                case "check constraint", "exclusion constraint", "trigger" -> kind + " " + table + "." + name;
                case "row-level security", "storage parameters", "replica identity", "inheritance", "partition key" ->
                        kind + " of " + table + " (" + detail + ")";
                case "UNLOGGED" -> kind + " of " + table;
                default -> kind + " " + name;
            };
        }
    }

    public KeptObjects {
        kept = List.copyOf(kept);
    }

    public static KeptObjects of(Catalog desired, Catalog current) {
        List<Kept> kept = new ArrayList<>();
        Map<String, Catalog.Table> tables = new TreeMap<>(desired.tables());
        Map<String, Set<String>> droppedColumns = new TreeMap<>();
        Set<String> keptTables = new HashSet<>();
        current.tables().forEach((name, cur) -> {
            Catalog.Table des = desired.tables().get(name);
            if (des == null) {
                tables.put(name, cur);
                keptTables.add(name);
                kept.add(new Kept(name, "table", null, null));
            } else {
                Set<String> dropped = new HashSet<>();
                cur.columns().forEach(c -> {
                    if (des.column(c.name()) == null) {
                        dropped.add(c.name());
                    }
                });
                droppedColumns.put(name, dropped);
                tables.put(name, mergeTable(name, des, cur, dropped, kept));
            }
        });
        Map<String, Catalog.Index> indexes = mergeIndexes(desired, current, keptTables, droppedColumns, kept);
        Map<String, Catalog.Sequence> sequences = new TreeMap<>(desired.sequences());
        current.sequences().forEach((name, s) -> {
            if (!sequences.containsKey(name) && (s.ownedBy() == null || keptTables.contains(owningTable(s.ownedBy())))) {
                sequences.put(name, s);
                if (s.ownedBy() == null) {
                    kept.add(new Kept(null, "sequence", name, null));
                }
            }
        });
        Map<String, List<String>> enums = keep(desired.enums(), current.enums(), "enum type", kept);
        Map<String, Catalog.Domain> domains = keep(desired.domains(), current.domains(), "domain", kept);
        Map<String, Catalog.Composite> composites = keep(desired.composites(), current.composites(), "composite type", kept);
        Map<String, Catalog.View> views = keep(desired.views(), current.views(), "view", kept);
        Map<String, Catalog.Function> functions = keep(desired.functions(), current.functions(), "function", kept);
        Map<String, Catalog.Trigger> triggers = new TreeMap<>(desired.triggers());
        current.triggers().forEach((name, t) -> {
            if (!triggers.containsKey(name)) {
                triggers.put(name, t);
                if (!keptTables.contains(t.table())) {
                    kept.add(new Kept(t.table(), "trigger", name.startsWith(t.table() + ".") ? name.substring(t.table().length() + 1) : name, null));
                }
            }
        });
        // What JPA cannot declare at all: policies, grants, extensions, partitions, comments on other objects, range types.
        Map<String, Catalog.Policy> policies = keep(desired.policies(), current.policies(), "policy", kept);
        Map<String, Catalog.Privileges> privileges = new TreeMap<>(desired.privileges());
        current.privileges().forEach((key, grants) -> {
            // The entities grant nothing: the database's grants stand for every object it has.
            if (!grants.equals(privileges.put(key, grants))) {
                kept.add(new Kept(null, "privileges", key, null));
            }
        });
        Map<String, Catalog.Extension> extensions = keep(desired.extensions(), current.extensions(), "extension", kept);
        Map<String, Catalog.Partition> partitions = keep(desired.partitions(), current.partitions(), "partition", kept);
        Map<String, Catalog.Comment> comments = keep(desired.comments(), current.comments(), "comment", kept);
        Map<String, Catalog.RangeType> ranges = keep(desired.ranges(), current.ranges(), "range type", kept);
        // The entities' own dependencies order the diff; a kept object has none here (the database's could name what the entities
        // change), so it keeps its kind's place.
        Catalog merged = new Catalog(desired.schemas(), enums, sequences, tables, indexes, views, domains, composites, functions, triggers,
                policies, privileges, extensions, partitions, comments, ranges, desired.presentSchemas(), desired.dependencies());
        return new KeptObjects(merged, kept);
    }

    private static Catalog.Table mergeTable(String name, Catalog.Table des, Catalog.Table cur, Set<String> dropped, List<Kept> kept) {
        List<Catalog.Column> columns = new ArrayList<>();
        for (Catalog.Column d : des.columns()) {
            Catalog.Column c = cur.column(d.name());
            Catalog.Column m = d;
            if (c != null && c.defaultValue() != null && d.defaultValue() == null && d.identity() == null && d.generated() == null
                    && c.identity() == null && c.generated() == null) {
                m = new Catalog.Column(m.name(), m.type(), m.notNull(), c.defaultValue(), m.identity(), m.generated(), m.comment(), m.collation(),
                        m.identityOptions());
                kept.add(new Kept(name, "default", d.name(), c.defaultValue()));
            }
            if (c != null && c.comment() != null && d.comment() == null) {
                m = new Catalog.Column(m.name(), m.type(), m.notNull(), m.defaultValue(), m.identity(), m.generated(), c.comment(), m.collation(),
                        m.identityOptions());
                kept.add(new Kept(name, "column comment", d.name(), null));
            }
            columns.add(m);
        }
        Map<String, Catalog.Constraint> constraints = new TreeMap<>();
        des.constraints().forEach((n, k) -> {
            // The same constraint under the database's name: Hibernate's generated names (FK..., UK...) are not worth a rename.
            Catalog.Constraint named = cur.constraints().get(n);
            Catalog.Constraint same = named != null ? (same(named, k) ? named : null) : cur.constraints().values().stream()
                    .filter(x -> !des.constraints().containsKey(x.name()) && same(x, k))
                    .findFirst().orElse(null);
            Catalog.Constraint m = same == null ? k : same;
            constraints.put(m.name(), m);
        });
        cur.constraints().forEach((n, k) -> {
            if (!constraints.containsKey(n) && (k.type().equals("c") || k.type().equals("x")) && mentionsNone(k.definition(), dropped)) {
                constraints.put(n, k);
                kept.add(new Kept(name, k.type().equals("c") ? "check constraint" : "exclusion constraint", n, null));
            }
        });
        String comment = des.comment();
        if (comment == null && cur.comment() != null) {
            comment = cur.comment();
            kept.add(new Kept(name, "table comment", null, null));
        }
        // What JPA cannot say about a table is the database's: row-level security, storage parameters, UNLOGGED, the replica
        // identity, INHERITS, the partition key. Taken from it, never reset (turning row-level security off opens the table).
        if (cur.rowSecurity() || cur.forceRowSecurity()) {
            kept.add(new Kept(name, "row-level security", null, cur.forceRowSecurity() ? "forced" : "enabled"));
        }
        if (!cur.options().isEmpty()) {
            kept.add(new Kept(name, "storage parameters", null, String.join(", ", cur.options())));
        }
        if (cur.unlogged()) {
            kept.add(new Kept(name, "UNLOGGED", null, null));
        }
        if (cur.replicaIdentity() != null) {
            kept.add(new Kept(name, "replica identity", null, cur.replicaIdentity()));
        }
        if (!cur.inherits().isEmpty()) {
            kept.add(new Kept(name, "inheritance", null, String.join(", ", cur.inherits())));
        }
        if (cur.partitionKey() != null && des.partitionKey() == null) {
            kept.add(new Kept(name, "partition key", null, cur.partitionKey()));
        }
        return new Catalog.Table(des.name(), columns, constraints, comment, des.rows(), des.partitionKey() != null ? des.partitionKey() : cur.partitionKey(),
                cur.rowSecurity(), cur.forceRowSecurity(), cur.unlogged(), cur.options(), cur.replicaIdentity(), cur.inherits());
    }

    private static Map<String, Catalog.Index> mergeIndexes(Catalog desired, Catalog current, Set<String> keptTables,
            Map<String, Set<String>> droppedColumns, List<Kept> kept) {
        Map<String, Catalog.Index> indexes = new TreeMap<>();
        desired.indexes().forEach((name, i) -> {
            Catalog.Index same = current.indexes().values().stream()
                    .filter(x -> !current.indexes().containsKey(name) && !desired.indexes().containsKey(x.name()) && x.table().equals(i.table())
                            && x.unique() == i.unique() && withoutName(x).equals(withoutName(i)))
                    .findFirst().orElse(null);
            if (same == null) {
                indexes.put(name, i);
            } else {
                indexes.put(same.name(), same);
            }
        });
        current.indexes().forEach((name, i) -> {
            if (indexes.containsKey(name)) {
                return;
            }
            if (keptTables.contains(i.table())) {
                indexes.put(name, i);
            } else if (notDeclarable(i.definition()) && mentionsNone(i.definition(), droppedColumns.getOrDefault(i.table(), Set.of()))) {
                indexes.put(name, i);
                kept.add(new Kept(i.table(), "index", name, why(i.definition())));
            }
        });
        return indexes;
    }

    /**
     * The same constraint: the same type and definition, for a CHECK up to the order of its AND-ed terms (Hibernate 7 joins a
     * field's Bean Validation checks, {@code @Min} and {@code @Max}, in an order that changes from one run to the next).
     */
    static boolean same(Catalog.Constraint a, Catalog.Constraint b) {
        if (!a.type().equals(b.type())) {
            return false;
        }
        if (a.definition().equals(b.definition())) {
            return true;
        }
        List<String> x = conjuncts(a.definition());
        return a.type().equals("c") && x != null && x.equals(conjuncts(b.definition()));
    }

    /** The sorted AND-ed terms of {@code CHECK (...)} as PostgreSQL prints it, or null for another shape. */
    static List<String> conjuncts(String definition) {
        if (!definition.startsWith("CHECK (") || !definition.endsWith(")")) {
            return null;
        }
        List<String> terms = new ArrayList<>();
        split(definition.substring("CHECK ".length()), terms);
        terms.sort(null);
        return terms;
    }

    private static void split(String expression, List<String> terms) {
        String e = unwrap(expression.strip());
        List<String> parts = new ArrayList<>();
        int[] start = {0};
        outsideQuotes(e, (i, depth) -> {
            if (depth == 0 && e.startsWith(" AND ", i)) {
                parts.add(e.substring(start[0], i));
                start[0] = i + " AND ".length();
            }
            return false;
        });
        parts.add(e.substring(start[0]));
        if (parts.size() == 1) {
            terms.add(e);
        } else {
            parts.forEach(p -> split(p, terms));
        }
    }

    /** Without the parentheses around the whole expression, as often as there are. */
    private static String unwrap(String expression) {
        String e = expression;
        while (e.startsWith("(") && e.endsWith(")") && closes(e) == e.length() - 1) {
            e = e.substring(1, e.length() - 1).strip();
        }
        return e;
    }

    /** Where the parenthesis {@code e} opens with closes. */
    private static int closes(String e) {
        return outsideQuotes(e, (i, depth) -> depth == 0 && e.charAt(i) == ')');
    }

    /** What {@link #outsideQuotes} asks at each character: its index and the parentheses open after it. */
    @FunctionalInterface
    private interface At {
        boolean stop(int index, int depth);
    }

    /**
     * Walks {@code e}'s characters outside string literals and quoted identifiers (a doubled quote inside is two quotes, so
     * the walk stays right), counting parentheses; the index of the first at which {@code at} says stop, or -1.
     */
    private static int outsideQuotes(String e, At at) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < e.length(); i++) {
            char ch = e.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
                continue;
            }
            if (ch == '\'' || ch == '"') {
                quote = ch;
                continue;
            }
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            }
            if (at.stop(i, depth)) {
                return i;
            }
        }
        return -1;
    }

    /** What {@code @Index} cannot say: a WHERE clause, an expression, another method than btree, INCLUDE columns. */
    static boolean notDeclarable(String definition) {
        return !why(definition).isEmpty();
    }

    private static String why(String definition) {
        String d = definition.toUpperCase(Locale.ROOT);
        if (d.contains(" WHERE ")) {
            return "partial";
        }
        if (d.contains(" INCLUDE (")) {
            return "with INCLUDE columns";
        }
        if (!d.contains(" USING BTREE ")) {
            return "not a btree index";
        }
        int open = definition.indexOf('(', d.indexOf(" USING BTREE "));
        int close = definition.lastIndexOf(')');
        String columns = open < 0 || close < open ? "" : definition.substring(open + 1, close);
        return columns.contains("(") || columns.contains("::") ? "on an expression" : "";
    }

    private static String withoutName(Catalog.Index i) {
        return i.definition().replaceFirst("(?i)^(CREATE (?:UNIQUE )?INDEX )\\S+( ON )", "$1?$2");
    }

    static boolean mentionsNone(String definition, Set<String> columns) {
        for (String column : columns) {
            if (Pattern.compile("(?<![\\w\"])\"?" + Pattern.quote(column) + "\"?(?![\\w\"])").matcher(definition).find()) {
                return false;
            }
        }
        return true;
    }

    private static String owningTable(String ownedBy) {
        int dot = ownedBy.lastIndexOf('.');
        return dot < 0 ? ownedBy : ownedBy.substring(0, dot);
    }

    private static <T> Map<String, T> keep(Map<String, T> desired, Map<String, T> current, String kind, List<Kept> kept) {
        Map<String, T> merged = new LinkedHashMap<>(desired);
        current.forEach((name, object) -> {
            if (!merged.containsKey(name)) {
                merged.put(name, object);
                kept.add(new Kept(null, kind, name, null));
            }
        });
        return new TreeMap<>(merged);
    }
}
