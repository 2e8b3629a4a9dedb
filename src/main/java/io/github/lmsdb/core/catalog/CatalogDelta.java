package io.github.lmsdb.core.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What changed between two {@link Catalog}s, as previews show it: one line per object created,
 * dropped or altered ({@code Drop column: quizzes.time_limit}). Names are shown as users write
 * them: bare in the first managed schema, qualified elsewhere.
 */
public final class CatalogDelta {
    private CatalogDelta() {}

    /**
     * What changed from {@code before} to {@code after}: drops, then creations, then alterations.
     * A column, constraint, index or trigger of a table that was itself dropped or created is
     * folded into that table's line.
     */
    public static List<SchemaChange> between(Catalog before, Catalog after) {
        Map<String, SchemaObject> was = byKey(before);
        Map<String, SchemaObject> is = byKey(after);
        List<SchemaChange> changes = new ArrayList<>();
        Set<String> droppedTables = was.values().stream()
                .filter(o -> o.kind() == SchemaObject.Kind.TABLE && !is.containsKey(o.key()))
                .map(SchemaObject::name).collect(Collectors.toSet());
        Set<String> createdTables = is.values().stream()
                .filter(o -> o.kind() == SchemaObject.Kind.TABLE && !was.containsKey(o.key()))
                .map(SchemaObject::name).collect(Collectors.toSet());
        for (SchemaObject o : sorted(was.values())) {
            if (!is.containsKey(o.key()) && (o.table() == null || !droppedTables.contains(o.table()))) {
                changes.add(new SchemaChange(SchemaChange.Action.DROP, o, null));
            }
        }
        for (SchemaObject o : sorted(is.values())) {
            if (!was.containsKey(o.key()) && (o.table() == null || !createdTables.contains(o.table()))) {
                changes.add(new SchemaChange(SchemaChange.Action.CREATE, o, null));
            }
        }
        for (SchemaObject o : sorted(is.values())) {
            SchemaObject old = was.get(o.key());
            if (old != null && !old.definition().equals(o.definition())) {
                String detail = o.kind() == SchemaObject.Kind.FUNCTION ? "body changed" : old.definition() + " -> " + o.definition();
                changes.add(new SchemaChange(SchemaChange.Action.ALTER, o, detail));
            }
        }
        return changes;
    }

    /**
     * The catalog as a flat list of objects, each with the definition previews compare: a
     * column's type, nullability, default (or generation expression) and identity; a
     * constraint's, index's or trigger's definition; an enum's values, a domain's base type; a
     * function's body hash. A serial's sequence goes with its column and is not listed.
     */
    public static List<SchemaObject> objects(Catalog catalog) {
        String first = catalog.schemas().get(0);
        List<SchemaObject> objects = new ArrayList<>();
        for (Catalog.Table t : catalog.tables().values()) {
            String table = SqlNames.display(t.name(), first);
            objects.add(new SchemaObject(SchemaObject.Kind.TABLE, table, null,
                    t.rowSecurity() ? "row level security" + (t.forceRowSecurity() ? " forced" : "") : t.forceRowSecurity() ? "forced row level security" : ""));
            for (Catalog.Column c : t.columns()) {
                objects.add(new SchemaObject(SchemaObject.Kind.COLUMN, table + "." + c.name(), table, columnDefinition(c)));
            }
            for (Catalog.Constraint k : t.constraints().values()) {
                objects.add(new SchemaObject(SchemaObject.Kind.CONSTRAINT, table + "." + k.name(), table, k.definition()));
            }
        }
        for (Catalog.View v : catalog.views().values()) {
            objects.add(new SchemaObject(v.materialized() ? SchemaObject.Kind.MATERIALIZED_VIEW : SchemaObject.Kind.VIEW,
                    SqlNames.display(v.name(), first), null, ""));
        }
        for (Catalog.Sequence s : catalog.sequences().values()) {
            if (s.ownedBy() == null) {
                objects.add(new SchemaObject(SchemaObject.Kind.SEQUENCE, SqlNames.display(s.name(), first), null, ""));
            }
        }
        for (Catalog.Index i : catalog.indexes().values()) {
            objects.add(new SchemaObject(SchemaObject.Kind.INDEX, SqlNames.display(i.name(), first), SqlNames.display(i.table(), first),
                    i.definition()));
        }
        catalog.enums().forEach((name, values) ->
                objects.add(new SchemaObject(SchemaObject.Kind.TYPE, SqlNames.display(name, first), null, String.join(",", values))));
        for (Catalog.Domain d : catalog.domains().values()) {
            objects.add(new SchemaObject(SchemaObject.Kind.TYPE, SqlNames.display(d.name(), first), null, d.baseType()));
        }
        for (Catalog.Composite t : catalog.composites().values()) {
            objects.add(new SchemaObject(SchemaObject.Kind.TYPE, SqlNames.display(t.name(), first), null, "composite"));
        }
        for (Catalog.Function f : catalog.functions().values()) {
            objects.add(new SchemaObject(SchemaObject.Kind.FUNCTION, SqlNames.display(f.name(), first), null, f.bodyHash()));
        }
        for (Catalog.Trigger g : catalog.triggers().values()) {
            String table = SqlNames.display(g.table(), first);
            objects.add(new SchemaObject(SchemaObject.Kind.TRIGGER, table + g.name().substring(g.table().length()), table, g.definition()));
        }
        for (Catalog.Policy p : catalog.policies().values()) {
            String table = SqlNames.display(p.table(), first);
            objects.add(new SchemaObject(SchemaObject.Kind.POLICY, table + "." + p.policy(), table, p.create()));
        }
        return objects;
    }

    private static String columnDefinition(Catalog.Column c) {
        StringBuilder def = new StringBuilder(c.type());
        if (c.notNull()) {
            def.append(" not null");
        }
        String expression = c.generated() != null ? c.generated() : c.defaultValue();
        if (expression != null) {
            def.append(" default ").append(expression);
        }
        if (c.identity() != null) {
            def.append(" identity");
        }
        if (c.generated() != null) {
            def.append(" generated");
        }
        return def.toString();
    }

    private static Map<String, SchemaObject> byKey(Catalog catalog) {
        Map<String, SchemaObject> map = new LinkedHashMap<>();
        for (SchemaObject o : objects(catalog)) {
            map.put(o.key(), o);
        }
        return map;
    }

    private static List<SchemaObject> sorted(Collection<SchemaObject> objects) {
        return objects.stream().sorted(Comparator.comparing((SchemaObject o) -> o.kind().ordinal() > 3 ? 1 : 0)
                .thenComparing(SchemaObject::kind).thenComparing(SchemaObject::name)).toList();
    }
}
