create table page_hits (id bigint primary key, path text not null);
create view recent_hits with (check_option = cascaded, security_invoker = true) as select id, path from page_hits where id > 100;
create view open_hits with (security_barrier = true) as select id, path from page_hits;
create materialized view hit_counts with (fillfactor = 60, autovacuum_enabled = false) as select path, count(*) as hits from page_hits group by path;
