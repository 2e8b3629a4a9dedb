create table page_hits (id bigint primary key, path text not null);
create view recent_hits with (check_option = local) as select id, path from page_hits where id > 100;
create view open_hits as select id, path from page_hits;
create materialized view hit_counts as select path, count(*) as hits from page_hits group by path;
