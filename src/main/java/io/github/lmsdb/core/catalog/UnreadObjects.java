package io.github.lmsdb.core.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many objects of each kind the {@link Catalog} model does not read live in a {@link Scope}:
 * one query, whatever the number of tables. A diff cannot see a difference in what it never read,
 * so these counts are what lets a report say "not compared" instead of a silent "equal".
 */
public final class UnreadObjects {
    private UnreadObjects() {}

    /**
     * One row per kind; each subquery counts the kind in the managed schemas. Kept next to
     * {@link CatalogReader}: a kind that reader starts reading leaves this list in the same commit.
     */
    private static final String QUERY = """
            with rel as (
                select c.oid, c.relkind, c.relispartition, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity, c.relacl,
                       c.reloptions, c.relreplident
                from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where %s
            )
            select 'privilege (column)', count(distinct a.attrelid) from pg_attribute a join rel on rel.oid = a.attrelid
                where a.attacl is not null and a.attnum > 0
            union all select 'privilege (type, domain)', count(*) from pg_type t join pg_namespace n on n.oid = t.typnamespace
                where %s and t.typacl is not null
            union all select 'default privileges (ALTER DEFAULT PRIVILEGES)', count(*) from pg_default_acl d
                left join pg_namespace n on n.oid = d.defaclnamespace where d.defaclnamespace = 0 or %s
            union all select 'unlogged sequence or partition', count(*) from rel where relpersistence = 'u' and (relispartition and relkind in ('r','p') or relkind = 'S'
                and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = rel.oid and d.deptype in ('a','i')))
            union all select 'storage option (partition)', count(*) from rel where reloptions is not null and relispartition and relkind in ('r','p')
            union all select 'replica identity (partition)', count(*) from rel where relispartition and relkind in ('r','p') and relreplident not in ('d')
            union all select 'column default (partition)', count(*) from rel join pg_inherits i on i.inhrelid = rel.oid
                join pg_attribute a on a.attrelid = rel.oid and a.attnum > 0 and not a.attisdropped
                join pg_attribute pa on pa.attrelid = i.inhparent and pa.attname = a.attname
                left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
                left join pg_attrdef pd on pd.adrelid = pa.attrelid and pd.adnum = pa.attnum
                where rel.relispartition and pg_get_expr(d.adbin, d.adrelid) is distinct from pg_get_expr(pd.adbin, pd.adrelid)
            union all select 'column NOT NULL (partition)', count(*) from rel join pg_inherits i on i.inhrelid = rel.oid
                join pg_attribute a on a.attrelid = rel.oid and a.attnum > 0 and not a.attisdropped
                join pg_attribute pa on pa.attrelid = i.inhparent and pa.attname = a.attname
                where rel.relispartition and a.attnotnull and not pa.attnotnull
            union all select 'trigger (partition)', count(*) from pg_trigger g join rel on rel.oid = g.tgrelid
                where rel.relispartition and not g.tgisinternal and g.tgparentid = 0
            union all select 'row-level security (partition)', count(*) from rel where relispartition and (relrowsecurity or relforcerowsecurity)
            union all select 'privilege (partition)', count(*) from rel where relispartition and relacl is not null
            union all select 'column statistics target (SET STATISTICS)', count(*) from pg_attribute a join rel on rel.oid = a.attrelid
                where rel.relkind in ('r','p','m') and a.attnum > 0 and not a.attisdropped and coalesce(a.attstattarget, -1) >= 0
            union all select 'column storage (SET STORAGE)', count(*) from pg_attribute a join rel on rel.oid = a.attrelid
                join pg_type ty on ty.oid = a.atttypid
                where rel.relkind in ('r','p','m') and a.attnum > 0 and not a.attisdropped and a.attstorage <> ty.typstorage
            union all select 'column compression (SET COMPRESSION)', count(*) from pg_attribute a join rel on rel.oid = a.attrelid
                where rel.relkind in ('r','p','m') and a.attnum > 0 and not a.attisdropped and a.attcompression <> ''
            union all select 'column options (SET (n_distinct ...))', count(*) from pg_attribute a join rel on rel.oid = a.attrelid
                where rel.relkind in ('r','p','m') and a.attnum > 0 and not a.attisdropped and a.attoptions is not null
            union all select 'clustered index (CLUSTER ON)', count(*) from pg_index i join rel on rel.oid = i.indrelid where i.indisclustered
            union all select 'rule', count(*) from pg_rewrite w join rel on rel.oid = w.ev_class where w.rulename <> '_RETURN'
            union all select 'foreign table', count(*) from rel where relkind = 'f'
            union all select 'statistics object', count(*) from pg_statistic_ext s join pg_namespace n on n.oid = s.stxnamespace where %s
            union all select 'collation', count(*) from pg_collation o join pg_namespace n on n.oid = o.collnamespace where %s
                and not exists (select 1 from pg_depend d where d.classid = 'pg_collation'::regclass and d.objid = o.oid and d.deptype = 'e')
            union all select 'operator', count(*) from pg_operator o join pg_namespace n on n.oid = o.oprnamespace where %s
                and not exists (select 1 from pg_depend d where d.classid = 'pg_operator'::regclass and d.objid = o.oid and d.deptype = 'e')
            union all select 'text search configuration', count(*) from pg_ts_config t join pg_namespace n on n.oid = t.cfgnamespace where %s
            union all select 'comment (index of a key or exclusion constraint, aggregate)', count(*) from pg_description d
                where d.objsubid = 0 and (
                      (d.classoid = 'pg_class'::regclass and d.objoid in (select k.conindid from pg_constraint k join rel on rel.oid = k.conrelid
                                                                            where k.contype in ('p','u','x')))
                   or (d.classoid = 'pg_proc'::regclass and d.objoid in (select p.oid from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                                                                          where %s and p.prokind = 'a')))
            """;

    /** Kind label to number of objects, only kinds with at least one object. */
    public static Map<String, Integer> count(Connection c, Scope scope) throws SQLException {
        String schemaFilter = Scope.schemaFilter("n.nspname");
        String sql = QUERY.formatted(Scope.relationFilter("n.nspname", "c.relname"), schemaFilter, schemaFilter, schemaFilter, schemaFilter,
                schemaFilter, schemaFilter, schemaFilter);
        Map<String, Integer> counts = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int parameters = (int) sql.chars().filter(ch -> ch == '?').count();
            for (int i = 1; i <= parameters; i++) {
                scope.bind(c, ps, i);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getInt(2) > 0) {
                        counts.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
        }
        return Collections.unmodifiableMap(counts);
    }
}
