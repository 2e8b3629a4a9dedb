create unlogged table page_hits (id bigint generated always as identity primary key, path text not null) with (fillfactor = 70, autovacuum_enabled = false);
create table events (id bigint not null, kind text not null, constraint events_id_key unique (id)) with (autovacuum_vacuum_scale_factor = 0.01);
alter table events replica identity using index events_id_key;
create view recent_hits with (security_barrier = true, check_option = local) as select id, path from page_hits where id > 100;
create materialized view hit_counts with (fillfactor = 90) as select path, count(*) as hits from page_hits group by path;
