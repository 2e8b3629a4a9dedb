package io.github.lmsdb.core.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@link Catalog} of the application objects of a {@link Scope}: one query per kind of
 * object (twenty in all, the last one the dependencies between them), whatever the number of tables. Previews and generate both read here.
 */
public final class CatalogReader {
    private CatalogReader() {}

    public static Catalog read(Connection c, Scope scope) throws SQLException {
        List<String> present = new ArrayList<>();
        query(c, scope, "select n.nspname from pg_namespace n where " + Scope.schemaFilter("n.nspname") + " order by 1",
                rs -> present.add(rs.getString(1)));
        Map<String, List<String>> enums = new TreeMap<>();
        query(c, scope, """
                select n.nspname || '.' || t.typname, string_agg(e.enumlabel, E'\\n' order by e.enumsortorder)
                from pg_type t join pg_namespace n on n.oid = t.typnamespace join pg_enum e on e.enumtypid = t.oid
                where %s and not exists (select 1 from pg_depend x where x.classid = 'pg_type'::regclass and x.objid = t.oid and x.deptype = 'e') group by 1
                """.formatted(Scope.schemaFilter("n.nspname")), rs -> enums.put(rs.getString(1), List.of(rs.getString(2).split("\n"))));

        Map<String, Catalog.Domain> domains = new TreeMap<>();
        query(c, scope, """
                select n.nspname || '.' || t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull, pg_get_expr(t.typdefaultbin, 0),
                       (select string_agg(k.conname || E'\\t' || pg_get_constraintdef(k.oid), E'\\n' order by k.conname) from pg_constraint k
                         where k.contypid = t.oid and k.contype = 'c'),
                       case when t.typcollation <> b.typcollation then
                           (select case when cn.nspname = 'pg_catalog' then quote_ident(co.collname) else quote_ident(cn.nspname) || '.' || quote_ident(co.collname) end
                              from pg_collation co join pg_namespace cn on cn.oid = co.collnamespace where co.oid = t.typcollation) end
                from pg_type t join pg_namespace n on n.oid = t.typnamespace join pg_type b on b.oid = t.typbasetype
                where t.typtype = 'd' and %s and not exists (select 1 from pg_depend x where x.classid = 'pg_type'::regclass and x.objid = t.oid and x.deptype = 'e')
                """.formatted(Scope.schemaFilter("n.nspname")), rs -> {
            Map<String, String> checks = new TreeMap<>();
            for (String line : lines(rs.getString(5))) {
                checks.put(line.substring(0, line.indexOf('\t')), line.substring(line.indexOf('\t') + 1));
            }
            domains.put(rs.getString(1), new Catalog.Domain(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4), rs.getString(6), checks));
        });

        Map<String, Catalog.Composite> composites = new TreeMap<>();
        query(c, scope, """
                select n.nspname || '.' || t.typname,
                       (select string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod), E'\\n' order by a.attnum)
                          from pg_attribute a where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped)
                from pg_type t join pg_namespace n on n.oid = t.typnamespace join pg_class r on r.oid = t.typrelid
                where t.typtype = 'c' and r.relkind = 'c' and %s and not exists (select 1 from pg_depend x where x.classid = 'pg_type'::regclass and x.objid = t.oid and x.deptype = 'e')
                """.formatted(Scope.schemaFilter("n.nspname")), rs -> composites.put(rs.getString(1),
                        new Catalog.Composite(rs.getString(1), lines(rs.getString(2)))));

        Map<String, Catalog.Sequence> sequences = new TreeMap<>();
        // Identity sequences (deptype i) belong to their column; a serial's (deptype a) is listed with its owner.
        query(c, scope, """
                select s.schemaname || '.' || s.sequencename, s.data_type::text, s.start_value, s.increment_by,
                       (select tn.nspname || '.' || t.relname || '.' || a.attname from pg_depend d
                          join pg_class t on t.oid = d.refobjid join pg_namespace tn on tn.oid = t.relnamespace
                          join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
                         where d.classid = 'pg_class'::regclass and d.objid = (quote_ident(s.schemaname) || '.' || quote_ident(s.sequencename))::regclass
                           and d.deptype = 'a'),
                       s.min_value, s.max_value, s.cache_size, s.cycle
                from pg_sequences s
                where %s
                  and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass
                                  and d.objid = (quote_ident(s.schemaname) || '.' || quote_ident(s.sequencename))::regclass and d.deptype in ('i','e'))
                """.formatted(Scope.relationFilter("s.schemaname", "s.sequencename")),
                rs -> sequences.put(rs.getString(1), new Catalog.Sequence(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getBoolean(9))));

        Map<String, List<Catalog.Column>> columns = new TreeMap<>();
        Map<String, String> tableComments = new TreeMap<>();
        Map<String, Long> rows = new TreeMap<>();
        Map<String, String> partitionKeys = new TreeMap<>();
        Map<String, boolean[]> rowSecurity = new TreeMap<>();
        Map<String, List<String>> tableOptions = new TreeMap<>();
        Map<String, String> replicaIdentity = new TreeMap<>();
        Map<String, List<String>> inherits = new TreeMap<>();
        query(c, scope, """
                select n.nspname || '.' || c.relname, c.relkind, obj_description(c.oid, 'pg_class'),
                       case when c.reltuples < 0 then coalesce(s.n_live_tup, 0) else c.reltuples::bigint end,
                       case when c.relkind = 'p' then pg_get_partkeydef(c.oid) end, c.relrowsecurity, c.relforcerowsecurity,
                       c.relpersistence = 'u', array_to_string(c.reloptions, E'\\n'),
                       case c.relreplident when 'f' then 'FULL' when 'n' then 'NOTHING' when 'i' then
                           (select 'USING INDEX ' || quote_ident(i.relname) from pg_index x join pg_class i on i.oid = x.indexrelid
                             where x.indrelid = c.oid and x.indisreplident) end,
                       (select string_agg(pn.nspname || '.' || p.relname, E'\\n' order by i.inhseqno) from pg_inherits i
                          join pg_class p on p.oid = i.inhparent join pg_namespace pn on pn.oid = p.relnamespace where i.inhrelid = c.oid)
                from pg_class c join pg_namespace n on n.oid = c.relnamespace left join pg_stat_user_tables s on s.relid = c.oid
                where c.relkind in ('r','p') and not c.relispartition and %s and not exists (select 1 from pg_depend x where x.classid = 'pg_class'::regclass and x.objid = c.oid and x.deptype = 'e')
                """.formatted(Scope.relationFilter("n.nspname", "c.relname")), rs -> {
            columns.put(rs.getString(1), new ArrayList<>());
            tableComments.put(rs.getString(1), rs.getString(3));
            rows.put(rs.getString(1), rs.getLong(4));
            partitionKeys.put(rs.getString(1), rs.getString(5));
            rowSecurity.put(rs.getString(1), new boolean[] {rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8)});
            tableOptions.put(rs.getString(1), lines(rs.getString(9)).stream().sorted().toList());
            replicaIdentity.put(rs.getString(1), rs.getString(10));
            inherits.put(rs.getString(1), lines(rs.getString(11)));
        });
        query(c, scope, """
                select n.nspname || '.' || c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                       case when a.attgenerated = '' then pg_get_expr(d.adbin, d.adrelid) end,
                       nullif(a.attidentity, ''), case when a.attgenerated <> '' then pg_get_expr(d.adbin, d.adrelid) end,
                       col_description(c.oid, a.attnum),
                       case when a.attcollation <> t.typcollation then
                           (select case when cn.nspname = 'pg_catalog' then quote_ident(co.collname) else quote_ident(cn.nspname) || '.' || quote_ident(co.collname) end
                              from pg_collation co join pg_namespace cn on cn.oid = co.collnamespace where co.oid = a.attcollation) end,
                       -- an identity's options, each null when it is the default for the sequence's type and direction
                       case when q.seqstart <> case when q.seqincrement > 0 then q.seqmin else q.seqmax end then q.seqstart end,
                       nullif(q.seqincrement, 1),
                       case when q.seqmin <> case when q.seqincrement > 0 then 1 else (case q.seqtypid when 'int2'::regtype then -32768
                            when 'int4'::regtype then -2147483648 else -9223372036854775808 end) end then q.seqmin end,
                       case when q.seqmax <> case when q.seqincrement < 0 then -1 else (case q.seqtypid when 'int2'::regtype then 32767
                            when 'int4'::regtype then 2147483647 else 9223372036854775807 end) end then q.seqmax end,
                       nullif(q.seqcache, 1), q.seqcycle
                from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
                join pg_type t on t.oid = a.atttypid
                left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
                left join pg_depend qd on a.attidentity <> '' and qd.refclassid = 'pg_class'::regclass and qd.refobjid = a.attrelid
                     and qd.refobjsubid = a.attnum and qd.classid = 'pg_class'::regclass and qd.deptype = 'i'
                left join pg_sequence q on q.seqrelid = qd.objid
                where c.relkind in ('r','p') and not c.relispartition and a.attnum > 0 and not a.attisdropped and %s
                order by n.nspname, c.relname, a.attnum
                """.formatted(Scope.relationFilter("n.nspname", "c.relname")), rs -> {
            List<Catalog.Column> cols = columns.get(rs.getString(1));
            if (cols != null) {
                Catalog.SequenceOptions identityOptions = rs.getString(6) == null ? null : new Catalog.SequenceOptions(
                        (Long) rs.getObject(10), (Long) rs.getObject(11), (Long) rs.getObject(12), (Long) rs.getObject(13),
                        (Long) rs.getObject(14), rs.getBoolean(15));
                cols.add(new Catalog.Column(rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), identityOptions));
            }
        });
        // Constraints a table inherits (conislocal false, or also declared on it: coninhcount > 0) are its parent's: listed there only.
        Map<String, Map<String, Catalog.Constraint>> constraints = new TreeMap<>();
        query(c, scope, """
                select n.nspname || '.' || c.relname, k.conname, k.contype, pg_get_constraintdef(k.oid)
                from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
                where k.contype in ('p','u','c','f','x') and k.conislocal and (not c.relispartition or k.conparentid = 0)
                  and (c.relispartition or k.coninhcount = 0) and %s
                order by k.conname
                """.formatted(Scope.relationFilter("n.nspname", "c.relname")), rs -> constraints.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                        .put(rs.getString(2), new Catalog.Constraint(rs.getString(2), rs.getString(3), canonical(rs.getString(4)))));
        Map<String, Catalog.Table> tables = new TreeMap<>();
        for (Map.Entry<String, List<Catalog.Column>> e : columns.entrySet()) {
            tables.put(e.getKey(), new Catalog.Table(e.getKey(), List.copyOf(e.getValue()),
                    Collections.unmodifiableMap(new TreeMap<>(constraints.getOrDefault(e.getKey(), Map.of()))),
                    tableComments.get(e.getKey()), rows.getOrDefault(e.getKey(), 0L), partitionKeys.get(e.getKey()),
                    rowSecurity.get(e.getKey())[0], rowSecurity.get(e.getKey())[1], rowSecurity.get(e.getKey())[2], tableOptions.get(e.getKey()),
                    replicaIdentity.get(e.getKey()), inherits.get(e.getKey())));
        }

        Map<String, Catalog.Index> indexes = new TreeMap<>();
        query(c, scope, """
                select n.nspname || '.' || i.relname, tn.nspname || '.' || t.relname, pg_get_indexdef(i.oid), x.indisunique
                from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
                join pg_namespace n on n.oid = i.relnamespace join pg_namespace tn on tn.oid = t.relnamespace
                where not exists (select 1 from pg_constraint k where k.conindid = i.oid and k.contype in ('p','u','x'))
                  and not exists (select 1 from pg_inherits h where h.inhrelid = i.oid) and %s and not exists (select 1 from pg_depend x where x.classid = 'pg_class'::regclass and x.objid = t.oid and x.deptype = 'e')
                """.formatted(Scope.relationFilter("n.nspname", "t.relname")), rs -> indexes.put(rs.getString(1),
                        new Catalog.Index(rs.getString(1), rs.getString(2), canonical(rs.getString(3)), rs.getBoolean(4))));

        Map<String, Catalog.View> views = new TreeMap<>();
        query(c, scope, """
                select n.nspname || '.' || c.relname, pg_get_viewdef(c.oid, true), c.relkind = 'm', obj_description(c.oid, 'pg_class'),
                       array_to_string(c.reloptions, E'\\n'),
                       array(select a.attname from pg_attrdef d join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
                             where d.adrelid = c.oid order by a.attnum),
                       array(select pg_get_expr(d.adbin, d.adrelid) from pg_attrdef d join pg_attribute a on a.attrelid = d.adrelid
                             and a.attnum = d.adnum where d.adrelid = c.oid order by a.attnum)
                from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where c.relkind in ('v','m') and %s and not exists (select 1 from pg_depend x where x.classid = 'pg_class'::regclass and x.objid = c.oid and x.deptype = 'e')
                """.formatted(Scope.relationFilter("n.nspname", "c.relname")),
                rs -> {
                    String[] defaulted = (String[]) rs.getArray(6).getArray();
                    String[] expressions = (String[]) rs.getArray(7).getArray();
                    Map<String, String> defaults = new TreeMap<>();
                    for (int i = 0; i < defaulted.length; i++) {
                        defaults.put(defaulted[i], expressions[i]);
                    }
                    views.put(rs.getString(1), new Catalog.View(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                            lines(rs.getString(5)).stream().sorted().toList(), defaults));
                });

        // Functions an extension installed are the extension's, not the application's.
        Map<String, Catalog.Function> functions = new TreeMap<>();
        // Dependants from pg_depend, so that a function PostgreSQL must drop and create again is refused by what uses it.
        query(c, scope, """
                select n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', p.prokind::text,
                       pg_get_function_result(p.oid), md5(p.prosrc), case when p.prokind <> 'a' then pg_get_functiondef(p.oid) end,
                       quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' || oidvectortypes(p.proargtypes) || ')',
                       (select string_agg(distinct case
                            when d.classid = 'pg_rewrite'::regclass then
                                (select 'view|' || vn.nspname || '.' || v.relname from pg_rewrite r join pg_class v on v.oid = r.ev_class
                                   join pg_namespace vn on vn.oid = v.relnamespace where r.oid = d.objid)
                            when d.classid = 'pg_trigger'::regclass then
                                (select 'trigger|' || tn.nspname || '.' || t.relname || '.' || g.tgname from pg_trigger g
                                   join pg_class t on t.oid = g.tgrelid join pg_namespace tn on tn.oid = t.relnamespace where g.oid = d.objid)
                            when d.classid = 'pg_attrdef'::regclass then
                                (select 'default|' || tn.nspname || '.' || t.relname || '|' || a.attname from pg_attrdef ad
                                   join pg_class t on t.oid = ad.adrelid join pg_namespace tn on tn.oid = t.relnamespace
                                   join pg_attribute a on a.attrelid = ad.adrelid and a.attnum = ad.adnum where ad.oid = d.objid)
                            when d.classid = 'pg_constraint'::regclass then
                                (select 'constraint|' || coalesce(tn.nspname || '.' || t.relname, '') || '|' || k.conname from pg_constraint k
                                   left join pg_class t on t.oid = k.conrelid left join pg_namespace tn on tn.oid = t.relnamespace where k.oid = d.objid)
                            when d.classid = 'pg_policy'::regclass then
                                (select 'policy|' || tn.nspname || '.' || t.relname || '.' || y.polname from pg_policy y
                                   join pg_class t on t.oid = y.polrelid join pg_namespace tn on tn.oid = t.relnamespace where y.oid = d.objid)
                            when d.classid = 'pg_proc'::regclass then
                                (select 'function|' || qn.nspname || '.' || q.proname || '(' || pg_get_function_identity_arguments(q.oid) || ')'
                                   from pg_proc q join pg_namespace qn on qn.oid = q.pronamespace where q.oid = d.objid)
                            else 'other|' || pg_describe_object(d.classid, d.objid, d.objsubid) end, E'\n')
                          from pg_depend d where d.refclassid = 'pg_proc'::regclass and d.refobjid = p.oid and d.deptype = 'n')
                from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                where %s
                  and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype in ('e','i'))
                """.formatted(Scope.schemaFilter("n.nspname")), rs -> functions.put(rs.getString(1),
                        new Catalog.Function(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), lines(rs.getString(7)).stream().sorted().toList())));

        Map<String, Catalog.Trigger> triggers = new TreeMap<>();
        query(c, scope, """
                select n.nspname || '.' || c.relname, g.tgname, pg_get_triggerdef(g.oid), g.tgenabled::text
                from pg_trigger g join pg_class c on c.oid = g.tgrelid join pg_namespace n on n.oid = c.relnamespace
                where not g.tgisinternal and not c.relispartition and %s and not exists (select 1 from pg_depend x where x.classid = 'pg_class'::regclass and x.objid = c.oid and x.deptype = 'e')
                """.formatted(Scope.relationFilter("n.nspname", "c.relname")), rs -> {
            String name = rs.getString(1) + "." + rs.getString(2);
            triggers.put(name, new Catalog.Trigger(name, rs.getString(1), rs.getString(3), rs.getString(4)));
        });

        Map<String, Catalog.Policy> policies = new TreeMap<>();
        query(c, scope, """
                select n.nspname || '.' || c.relname, p.polname, p.polpermissive,
                       case p.polcmd when 'r' then 'SELECT' when 'a' then 'INSERT' when 'w' then 'UPDATE' when 'd' then 'DELETE' else 'ALL' end,
                       array_to_string(array(select case when r = 0 then 'public' else quote_ident(pg_get_userbyid(r)) end
                                               from unnest(p.polroles) r order by 1), E'\n'),
                       pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)
                from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace
                where %s
                """.formatted(Scope.relationFilter("n.nspname", "c.relname")), rs -> {
            String name = rs.getString(1) + "." + rs.getString(2);
            policies.put(name, new Catalog.Policy(name, rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4), lines(rs.getString(5)),
                    rs.getString(6), rs.getString(7)));
        });

        // Privileges held by roles other than the owner, on relations, schemas and routines; a null ACL is the default one.
        // Identity sequences and extension members are left out, as they are from their own kinds.
        Map<String, java.util.SortedSet<String>> grants = new TreeMap<>();
        Map<String, String[]> grantObjects = new TreeMap<>();
        query(c, scope, """
                select case c.relkind when 'S' then 'sequence' else 'table' end, n.nspname || '.' || c.relname,
                       quote_ident(n.nspname) || '.' || quote_ident(c.relname), x.privilege_type, case when x.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(x.grantee)) end, x.is_grantable
                from pg_class c join pg_namespace n on n.oid = c.relnamespace,
                     aclexplode(coalesce(c.relacl, acldefault((case c.relkind when 'S' then 's' else 'r' end)::"char", c.relowner))) x
                where c.relkind in ('r','p','v','m','S') and not c.relispartition and x.grantee <> c.relowner and %s
                  and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype in ('i','e'))
                union all
                select 'schema', n.nspname, quote_ident(n.nspname), x.privilege_type, case when x.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(x.grantee)) end, x.is_grantable
                from pg_namespace n, aclexplode(coalesce(n.nspacl, acldefault('n'::"char", n.nspowner))) x
                where x.grantee <> n.nspowner and %s
                union all
                select case p.prokind when 'p' then 'procedure' else 'function' end,
                       n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
                       quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' || oidvectortypes(p.proargtypes) || ')',
                       x.privilege_type, case when x.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(x.grantee)) end, x.is_grantable
                from pg_proc p join pg_namespace n on n.oid = p.pronamespace, aclexplode(coalesce(p.proacl, acldefault('f'::"char", p.proowner))) x
                where p.prokind <> 'a' and x.grantee <> p.proowner and %s
                  and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype in ('e','i'))
                """.formatted(Scope.relationFilter("n.nspname", "c.relname"), Scope.schemaFilter("n.nspname"), Scope.schemaFilter("n.nspname")),
                3, rs -> {
            String key = Catalog.Privileges.key(rs.getString(1), rs.getString(2));
            grantObjects.put(key, new String[] {rs.getString(1), rs.getString(3)});
            grants.computeIfAbsent(key, k -> new java.util.TreeSet<>()).add(rs.getString(4) + " " + rs.getString(5) + (rs.getBoolean(6) ? " *" : ""));
        });
        Map<String, Catalog.Privileges> privileges = new TreeMap<>();
        grants.forEach((key, named) -> {
            // A privilege held with and without the grant option (two grantors) is held with it.
            List<String> merged = named.stream().filter(g -> g.endsWith(" *") || !named.contains(g + " *")).toList();
            String[] object = grantObjects.get(key);
            privileges.put(key, new Catalog.Privileges(key, object[0], object[1], merged));
        });

        Map<String, Catalog.Extension> extensions = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select e.extname, e.extversion, n.nspname,
                       (select string_agg(u.target, E'\n' order by u.target) from pg_extension_update_paths(e.extname) u
                         where u.source = e.extversion and u.path is not null)
                from pg_extension e join pg_namespace n on n.oid = e.extnamespace
                where e.extname <> 'plpgsql'
                """); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                extensions.put(rs.getString(1), new Catalog.Extension(rs.getString(1), rs.getString(2), rs.getString(3), lines(rs.getString(4))));
            }
        }

        Map<String, Catalog.Partition> partitions = new TreeMap<>();
        query(c, scope, """
                select n.nspname || '.' || c.relname, pn.nspname || '.' || p.relname, pg_get_expr(c.relpartbound, c.oid),
                       case when c.relkind = 'p' then pg_get_partkeydef(c.oid) end,
                       case when c.reltuples < 0 then coalesce(s.n_live_tup, 0) else c.reltuples::bigint end
                from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_inherits i on i.inhrelid = c.oid
                join pg_class p on p.oid = i.inhparent join pg_namespace pn on pn.oid = p.relnamespace
                left join pg_stat_user_tables s on s.relid = c.oid
                where c.relispartition and c.relkind in ('r','p') and %s
                """.formatted(Scope.relationFilter("n.nspname", "c.relname")), rs -> partitions.put(rs.getString(1),
                        new Catalog.Partition(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                Collections.unmodifiableMap(new TreeMap<>(constraints.getOrDefault(rs.getString(1), Map.of()))), rs.getLong(5))));

        Map<String, Catalog.Comment> comments = new TreeMap<>();
        query(c, scope, COMMENTS, (int) COMMENTS.chars().filter(ch -> ch == '?').count(), rs -> {
            Catalog.Comment comment = new Catalog.Comment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
            comments.put(comment.key(), comment);
        });
        Map<String, Catalog.RangeType> ranges = new TreeMap<>();
        query(c, scope, """
                select n.nspname || '.' || t.typname, format_type(r.rngsubtype, null),
                       case when not o.opcdefault then quote_ident(on_.nspname) || '.' || quote_ident(o.opcname) end,
                       case when r.rngcollation <> 0 and r.rngcollation <> s.typcollation then
                           (select quote_ident(cn.nspname) || '.' || quote_ident(co.collname) from pg_collation co
                              join pg_namespace cn on cn.oid = co.collnamespace where co.oid = r.rngcollation) end,
                       nullif(r.rngcanonical, 0)::regproc::text, nullif(r.rngsubdiff, 0)::regproc::text,
                       quote_ident(mn.nspname) || '.' || quote_ident(m.typname)
                from pg_range r join pg_type t on t.oid = r.rngtypid join pg_namespace n on n.oid = t.typnamespace
                join pg_type s on s.oid = r.rngsubtype join pg_opclass o on o.oid = r.rngsubopc join pg_namespace on_ on on_.oid = o.opcnamespace
                join pg_type m on m.oid = r.rngmultitypid join pg_namespace mn on mn.oid = m.typnamespace
                where %s and not exists (select 1 from pg_depend x where x.classid = 'pg_type'::regclass and x.objid = t.oid and x.deptype = 'e')
                """.formatted(Scope.schemaFilter("n.nspname")), rs -> ranges.put(rs.getString(1), new Catalog.RangeType(rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7))));
        Map<String, java.util.SortedSet<String>> needs = new TreeMap<>();
        query(c, scope, DEPENDENCIES, rs -> needs.computeIfAbsent(rs.getString(1), k -> new java.util.TreeSet<>()).add(rs.getString(2)));
        Map<String, List<String>> dependencies = new TreeMap<>();
        needs.forEach((key, on) -> dependencies.put(key, List.copyOf(on)));
        return new Catalog(scope.schemas(), sorted(enums), sorted(sequences), sorted(tables), sorted(indexes), sorted(views),
                sorted(domains), sorted(composites), sorted(functions), sorted(triggers), sorted(policies), sorted(privileges), sorted(extensions),
                sorted(partitions), sorted(comments), sorted(ranges), present, sorted(dependencies));
    }

    /**
     * Every dependency between two objects of the managed schemas, in one query: {@code pg_depend}'s normal and
     * automatic rows (a view's through its rewrite rule), both ends named as {@link Catalog#dependencyKey} names them.
     * A column, and a column's default, is both its table and {@code column public.orders.total}; the index of a key is the key; an array type is its element type, a
     * multirange its range, a table's row type the table; a domain's constraint is the domain. Internal and extension
     * rows, a sequence's OWNED BY (the column needs the sequence, not the other way) and what an object needs of
     * itself are left out, as are system objects (outside the managed schemas). An extension's member objects may
     * appear: no change is about them, so they order nothing.
     */
    private static final String DEPENDENCIES = """
            with ns as (select oid, nspname from pg_namespace where %s),
            rel(oid, key) as (
                select c.oid, case when c.relkind in ('r','p') then 'table ' when c.relkind in ('v','m') then 'view '
                                   when c.relkind = 'S' then 'sequence ' else 'type ' end || ns.nspname || '.' || c.relname
                from pg_class c join ns on ns.oid = c.relnamespace where c.relkind in ('r','p','v','m','S','c')
                union all
                select i.oid, coalesce('constraint ' || ns.nspname || '.' || t.relname || '.' || k.conname, 'index ' || ns.nspname || '.' || i.relname)
                from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid join ns on ns.oid = i.relnamespace
                left join pg_constraint k on k.conindid = i.oid and k.conrelid = t.oid and k.contype in ('p','u','x')),
            element(oid, key) as (
                select t.oid, case when t.typtype = 'c' then r.key when t.typtype = 'm' then 'type ' || rn.nspname || '.' || rt.typname
                                   else 'type ' || ns.nspname || '.' || t.typname end
                from pg_type t join ns on ns.oid = t.typnamespace
                left join rel r on t.typtype = 'c' and r.oid = t.typrelid
                left join pg_range g on t.typtype = 'm' and g.rngmultitypid = t.oid
                left join pg_type rt on rt.oid = g.rngtypid left join pg_namespace rn on rn.oid = rt.typnamespace
                where not (t.typcategory = 'A' and t.typelem <> 0)),
            typ(oid, key) as (
                select oid, key from element
                union all
                select a.oid, e.key from pg_type a join element e on e.oid = a.typelem where a.typcategory = 'A'),
            keys(classid, objid, subid, key) as (
                select 'pg_class'::regclass::oid, oid, 0, key from rel
                union all
                select 'pg_class'::regclass::oid, c.oid, a.attnum, 'column ' || ns.nspname || '.' || c.relname || '.' || a.attname
                from pg_class c join ns on ns.oid = c.relnamespace join pg_attribute a on a.attrelid = c.oid
                where c.relkind in ('r','p') and a.attnum > 0 and not a.attisdropped
                union all
                select 'pg_type'::regclass::oid, oid, 0, key from typ where key is not null
                union all
                select 'pg_proc'::regclass::oid, p.oid, 0, 'function ' || quote_ident(ns.nspname) || '.' || quote_ident(p.proname) || '(' || oidvectortypes(p.proargtypes) || ')'
                from pg_proc p join ns on ns.oid = p.pronamespace
                union all
                select 'pg_attrdef'::regclass::oid, d.oid, 0, r.key from pg_attrdef d join rel r on r.oid = d.adrelid
                union all
                select 'pg_attrdef'::regclass::oid, d.oid, 0, 'column ' || ns.nspname || '.' || c.relname || '.' || a.attname
                from pg_attrdef d join pg_class c on c.oid = d.adrelid join ns on ns.oid = c.relnamespace
                join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
                union all
                select 'pg_constraint'::regclass::oid, k.oid, 0, case when k.conrelid <> 0 then 'constraint ' || ns.nspname || '.' || t.relname || '.' || k.conname
                                                                else y.key end
                from pg_constraint k join ns on ns.oid = k.connamespace left join pg_class t on t.oid = k.conrelid
                left join typ y on k.contypid <> 0 and y.oid = k.contypid
                union all
                select 'pg_trigger'::regclass::oid, g.oid, 0, 'trigger ' || ns.nspname || '.' || t.relname || '.' || g.tgname
                from pg_trigger g join pg_class t on t.oid = g.tgrelid join ns on ns.oid = t.relnamespace where not g.tgisinternal
                union all
                select 'pg_policy'::regclass::oid, p.oid, 0, 'policy ' || ns.nspname || '.' || t.relname || '.' || p.polname
                from pg_policy p join pg_class t on t.oid = p.polrelid join ns on ns.oid = t.relnamespace
                union all
                select 'pg_rewrite'::regclass::oid, w.oid, 0, r.key from pg_rewrite w join rel r on r.oid = w.ev_class)
            select distinct a.key, b.key
            from pg_depend d join keys a on a.classid = d.classid and a.objid = d.objid and a.subid in (0, d.objsubid)
            join keys b on b.classid = d.refclassid and b.objid = d.refobjid and b.subid in (0, d.refobjsubid)
            where d.deptype in ('n','a') and a.key is not null and b.key is not null and a.key <> b.key
              and not (d.deptype = 'a' and a.key like 'sequence %%')
            """.formatted(Scope.schemaFilter("nspname"));

    /** The application objects' own rows: not an extension's, not the plugin's or Flyway's tables. */
    private static final String NOT_EXTENSION_CLASS = "not exists (select 1 from pg_depend x where x.classid = 'pg_class'::regclass and x.objid = %s and x.deptype = 'e')";

    /**
     * Comments on every object kind that has no comment field of its own, one row per comment:
     * kind, owner, member, COMMENT ON target, text. Each part keeps the objects its own kind's query keeps.
     */
    private static final String COMMENTS = """
            select 'index', n.nspname || '.' || i.relname, null, 'index ' || quote_ident(n.nspname) || '.' || quote_ident(i.relname), d.description
            from pg_description d join pg_class i on i.oid = d.objoid join pg_namespace n on n.oid = i.relnamespace
            join pg_index x on x.indexrelid = i.oid join pg_class t on t.oid = x.indrelid
            where d.classoid = 'pg_class'::regclass and d.objsubid = 0 and %1$s
              and not exists (select 1 from pg_constraint k where k.conindid = i.oid and k.contype in ('p','u','x'))
              and not exists (select 1 from pg_inherits h where h.inhrelid = i.oid) and %2$s
            union all
            select 'sequence', n.nspname || '.' || s.relname, null, 'sequence ' || quote_ident(n.nspname) || '.' || quote_ident(s.relname), d.description
            from pg_description d join pg_class s on s.oid = d.objoid join pg_namespace n on n.oid = s.relnamespace
            where d.classoid = 'pg_class'::regclass and d.objsubid = 0 and s.relkind = 'S' and %3$s
              and not exists (select 1 from pg_depend x where x.classid = 'pg_class'::regclass and x.objid = s.oid and x.deptype in ('i','e'))
            union all
            select case when c.relispartition then 'partition' else 'column' end, n.nspname || '.' || c.relname,
                   case when d.objsubid > 0 then a.attname end,
                   case when d.objsubid > 0 then 'column ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname) || '.' || quote_ident(a.attname)
                        else 'table ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname) end, d.description
            from pg_description d join pg_class c on c.oid = d.objoid join pg_namespace n on n.oid = c.relnamespace
            left join pg_attribute a on a.attrelid = c.oid and a.attnum = d.objsubid
            where d.classoid = 'pg_class'::regclass and (c.relispartition and c.relkind in ('r','p') or c.relkind in ('v','m') and d.objsubid > 0) and %4$s
              and %5$s
            union all
            select 'constraint', coalesce(tn.nspname || '.' || t.relname, yn.nspname || '.' || y.typname), k.conname,
                   'constraint ' || quote_ident(k.conname) || ' on ' || coalesce(quote_ident(tn.nspname) || '.' || quote_ident(t.relname),
                                                                                  'domain ' || quote_ident(yn.nspname) || '.' || quote_ident(y.typname)), d.description
            from pg_description d join pg_constraint k on k.oid = d.objoid
            left join pg_class t on t.oid = k.conrelid left join pg_namespace tn on tn.oid = t.relnamespace
            left join pg_type y on y.oid = k.contypid left join pg_namespace yn on yn.oid = y.typnamespace
            where d.classoid = 'pg_constraint'::regclass and coalesce(tn.nspname, yn.nspname) = any(?)
              and (t.oid is null or k.conislocal and (not t.relispartition or k.conparentid = 0))
            union all
            select 'type', n.nspname || '.' || t.typname, null, 'type ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname), d.description
            from pg_description d join pg_type t on t.oid = d.objoid join pg_namespace n on n.oid = t.typnamespace
            left join pg_class r on r.oid = t.typrelid
            where d.classoid = 'pg_type'::regclass and %6$s and (t.typtype in ('e','d','r') or t.typtype = 'c' and r.relkind = 'c')
              and not exists (select 1 from pg_depend x where x.classid = 'pg_type'::regclass and x.objid = t.oid and x.deptype = 'e')
            union all
            select case p.prokind when 'p' then 'procedure' else 'function' end,
                   n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', null,
                   case p.prokind when 'p' then 'procedure ' else 'function ' end
                       || quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' || oidvectortypes(p.proargtypes) || ')', d.description
            from pg_description d join pg_proc p on p.oid = d.objoid join pg_namespace n on n.oid = p.pronamespace
            where d.classoid = 'pg_proc'::regclass and p.prokind <> 'a' and %7$s
              and not exists (select 1 from pg_depend x where x.classid = 'pg_proc'::regclass and x.objid = p.oid and x.deptype in ('e','i'))
            union all
            select 'trigger', n.nspname || '.' || c.relname, g.tgname,
                   'trigger ' || quote_ident(g.tgname) || ' on ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname), d.description
            from pg_description d join pg_trigger g on g.oid = d.objoid join pg_class c on c.oid = g.tgrelid join pg_namespace n on n.oid = c.relnamespace
            where d.classoid = 'pg_trigger'::regclass and not g.tgisinternal and not c.relispartition and %8$s
            union all
            select 'schema', n.nspname, null, 'schema ' || quote_ident(n.nspname), d.description
            from pg_description d join pg_namespace n on n.oid = d.objoid
            where d.classoid = 'pg_namespace'::regclass and %9$s
            union all
            select 'policy', n.nspname || '.' || c.relname, p.polname,
                   'policy ' || quote_ident(p.polname) || ' on ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname), d.description
            from pg_description d join pg_policy p on p.oid = d.objoid join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace
            where d.classoid = 'pg_policy'::regclass and %10$s
            """.formatted(Scope.relationFilter("n.nspname", "t.relname"), NOT_EXTENSION_CLASS.formatted("t.oid"),
            Scope.schemaFilter("n.nspname"), Scope.relationFilter("n.nspname", "c.relname"), NOT_EXTENSION_CLASS.formatted("c.oid"),
            Scope.schemaFilter("n.nspname"), Scope.schemaFilter("n.nspname"), Scope.relationFilter("n.nspname", "c.relname"),
            Scope.schemaFilter("n.nspname"), Scope.relationFilter("n.nspname", "c.relname"));

    private static final Pattern CAST_ARRAY = Pattern.compile("\\(ARRAY\\[((?:'(?:[^']|'')*'::[a-z ]+(?:, )?)+)\\]\\)::([a-z ]+)\\[\\]");
    private static final Pattern ELEMENT = Pattern.compile("'(?:[^']|'')*'::[a-z ]+");

    /**
     * PostgreSQL's deparsed expressions are not always a fixed point: {@code varchar_col IN ('a','b')}
     * reads back as {@code (ARRAY['a'::character varying, ...])::text[]}, which, applied again, reads
     * back as {@code ARRAY[('a'::character varying)::text, ...]}. The second form is stable; both are
     * brought to it so that a schema and its copy compare equal.
     */
    static String canonical(String definition) {
        Matcher m = CAST_ARRAY.matcher(definition);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String type = m.group(2);
            Matcher e = ELEMENT.matcher(m.group(1));
            List<String> elements = new ArrayList<>();
            while (e.find()) {
                elements.add("(" + e.group() + ")::" + type);
            }
            m.appendReplacement(out, Matcher.quoteReplacement("ARRAY[" + String.join(", ", elements) + "]"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static List<String> lines(String joined) {
        return joined == null ? List.of() : List.of(joined.split("\n"));
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }

    private interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    /** Runs a catalog query whose one parameter is the managed schemas. */
    private static void query(Connection c, Scope scope, String sql, RowHandler handler) throws SQLException {
        query(c, scope, sql, 1, handler);
    }

    /** Runs a catalog query whose {@code parameters} parameters are each the managed schemas. */
    private static void query(Connection c, Scope scope, String sql, int parameters, RowHandler handler) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 1; i <= parameters; i++) {
                scope.bind(c, ps, i);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.handle(rs);
                }
            }
        }
    }
}
