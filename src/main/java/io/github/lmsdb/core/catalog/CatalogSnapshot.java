package io.github.lmsdb.core.catalog;

import io.github.lmsdb.core.db.DatabaseGateway;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The objects of the managed schemas, read from the PostgreSQL catalog in a fixed number of
 * queries whatever the number of tables, and compared to tell what a script created, dropped or
 * altered. Flyway's history table and the plugin's own tables are left out.
 */
public final class CatalogSnapshot {
    private final Map<String, SchemaObject> objects;

    private CatalogSnapshot(Map<String, SchemaObject> objects) {
        this.objects = objects;
    }

    public Collection<SchemaObject> objects() {
        return objects.values();
    }

    public static CatalogSnapshot read(Connection c, Collection<String> schemas) throws SQLException {
        Map<String, SchemaObject> objects = new LinkedHashMap<>();
        String first = schemas.iterator().next();
        // Relations: tables, views, materialized views, free-standing sequences.
        query(c, schemas, """
                select n.nspname, c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = any(?) and c.relkind in ('r','p','v','m','S')
                  and not (c.relkind in ('r','p') and c.relispartition)
                  and c.relname <> ? and c.relname not like 'lmsdb\\_%'
                  and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
                                  and d.deptype in ('a','i') and c.relkind = 'S')
                """, rs -> {
            SchemaObject.Kind kind = switch (rs.getString(3)) {
                case "v" -> SchemaObject.Kind.VIEW;
                case "m" -> SchemaObject.Kind.MATERIALIZED_VIEW;
                case "S" -> SchemaObject.Kind.SEQUENCE;
                default -> SchemaObject.Kind.TABLE;
            };
            String name = display(rs.getString(1), rs.getString(2), first);
            put(objects, new SchemaObject(kind, name, null, ""));
        });
        // Columns of tables.
        query(c, schemas, """
                select n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                       coalesce(pg_get_expr(d.adbin, d.adrelid), ''), a.attidentity, a.attgenerated
                from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
                left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
                where n.nspname = any(?) and c.relkind in ('r','p') and not c.relispartition and a.attnum > 0 and not a.attisdropped
                  and c.relname <> ? and c.relname not like 'lmsdb\\_%'
                order by n.nspname, c.relname, a.attnum
                """, rs -> {
            String table = display(rs.getString(1), rs.getString(2), first);
            StringBuilder def = new StringBuilder(rs.getString(4));
            if (rs.getBoolean(5)) {
                def.append(" not null");
            }
            if (!rs.getString(6).isEmpty()) {
                def.append(" default ").append(rs.getString(6));
            }
            if (!rs.getString(7).isEmpty()) {
                def.append(" identity");
            }
            if (!rs.getString(8).isEmpty()) {
                def.append(" generated");
            }
            put(objects, new SchemaObject(SchemaObject.Kind.COLUMN, table + "." + rs.getString(3), table, def.toString()));
        });
        // Constraints of tables (primary, unique, check, foreign key, exclusion).
        query(c, schemas, """
                select n.nspname, c.relname, k.conname, pg_get_constraintdef(k.oid)
                from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = any(?) and k.contype in ('p','u','c','f','x') and not c.relispartition
                  and c.relname <> ? and c.relname not like 'lmsdb\\_%'
                """, rs -> {
            String table = display(rs.getString(1), rs.getString(2), first);
            put(objects, new SchemaObject(SchemaObject.Kind.CONSTRAINT, table + "." + rs.getString(3), table, rs.getString(4)));
        });
        // Indexes that no constraint owns.
        query(c, schemas, """
                select n.nspname, t.relname, i.relname, pg_get_indexdef(i.oid)
                from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
                join pg_namespace n on n.oid = i.relnamespace
                where n.nspname = any(?) and not exists (select 1 from pg_constraint k where k.conindid = i.oid)
                  and t.relname <> ? and t.relname not like 'lmsdb\\_%' and not t.relispartition
                """, rs -> {
            String table = display(rs.getString(1), rs.getString(2), first);
            put(objects, new SchemaObject(SchemaObject.Kind.INDEX, display(rs.getString(1), rs.getString(3), first), table, rs.getString(4)));
        });
        // Types: enums, domains, composite types that are not a table's row type.
        query(c, schemas, """
                select n.nspname, t.typname,
                       case t.typtype when 'e' then (select string_agg(e.enumlabel, ',' order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid)
                                      when 'd' then format_type(t.typbasetype, t.typtypmod) else 'composite' end
                from pg_type t join pg_namespace n on n.oid = t.typnamespace
                where n.nspname = any(?) and (t.typtype in ('e','d') or (t.typtype = 'c' and (select relkind from pg_class where oid = t.typrelid) = 'c'))
                  and t.typname <> ?
                """, rs -> put(objects, new SchemaObject(SchemaObject.Kind.TYPE, display(rs.getString(1), rs.getString(2), first), null, rs.getString(3))));
        // Functions and procedures.
        query(c, schemas, """
                select n.nspname, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', md5(p.prosrc)
                from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                where n.nspname = any(?) and p.proname <> ?
                  and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
                """, rs -> put(objects, new SchemaObject(SchemaObject.Kind.FUNCTION, display(rs.getString(1), rs.getString(2), first), null, rs.getString(3))));
        // Triggers.
        query(c, schemas, """
                select n.nspname, c.relname, g.tgname, pg_get_triggerdef(g.oid)
                from pg_trigger g join pg_class c on c.oid = g.tgrelid join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = any(?) and not g.tgisinternal and c.relname <> ?
                  and c.relname not like 'lmsdb\\_%' and not c.relispartition
                """, rs -> {
            String table = display(rs.getString(1), rs.getString(2), first);
            put(objects, new SchemaObject(SchemaObject.Kind.TRIGGER, table + "." + rs.getString(3), table, rs.getString(4)));
        });
        return new CatalogSnapshot(objects);
    }

    /**
     * What changed from {@code before} to {@code after}: drops, then creations, then alterations.
     * A column, constraint, index or trigger of a table that was itself dropped or created is
     * folded into that table's line.
     */
    public static List<SchemaChange> diff(CatalogSnapshot before, CatalogSnapshot after) {
        List<SchemaChange> changes = new ArrayList<>();
        Set<String> droppedTables = before.objects.values().stream()
                .filter(o -> o.kind() == SchemaObject.Kind.TABLE && !after.objects.containsKey(o.key()))
                .map(SchemaObject::name).collect(Collectors.toSet());
        Set<String> createdTables = after.objects.values().stream()
                .filter(o -> o.kind() == SchemaObject.Kind.TABLE && !before.objects.containsKey(o.key()))
                .map(SchemaObject::name).collect(Collectors.toSet());
        for (SchemaObject o : sorted(before.objects.values())) {
            if (!after.objects.containsKey(o.key()) && (o.table() == null || !droppedTables.contains(o.table()))) {
                changes.add(new SchemaChange(SchemaChange.Action.DROP, o, null));
            }
        }
        for (SchemaObject o : sorted(after.objects.values())) {
            if (!before.objects.containsKey(o.key()) && (o.table() == null || !createdTables.contains(o.table()))) {
                changes.add(new SchemaChange(SchemaChange.Action.CREATE, o, null));
            }
        }
        for (SchemaObject o : sorted(after.objects.values())) {
            SchemaObject old = before.objects.get(o.key());
            if (old != null && !old.definition().equals(o.definition())) {
                String detail = o.kind() == SchemaObject.Kind.FUNCTION ? "body changed" : old.definition() + " -> " + o.definition();
                changes.add(new SchemaChange(SchemaChange.Action.ALTER, o, detail));
            }
        }
        return changes;
    }

    private static List<SchemaObject> sorted(Collection<SchemaObject> objects) {
        return objects.stream().sorted(Comparator.comparing((SchemaObject o) -> o.kind().ordinal() > 3 ? 1 : 0)
                .thenComparing(SchemaObject::kind).thenComparing(SchemaObject::name)).toList();
    }

    private static String display(String schema, String name, String firstSchema) {
        return schema.equals(firstSchema) ? name : schema + "." + name;
    }

    private static void put(Map<String, SchemaObject> objects, SchemaObject o) {
        objects.put(o.key(), o);
    }

    private interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, Collection<String> schemas, String sql, RowHandler handler) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
            if (sql.chars().filter(ch -> ch == '?').count() > 1) {
                ps.setString(2, DatabaseGateway.FLYWAY_HISTORY_TABLE);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.handle(rs);
                }
            }
        }
    }
}
