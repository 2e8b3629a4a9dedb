create unlogged table page_hits (id bigint primary key, path text not null) with (fillfactor = 80, autovacuum_analyze_scale_factor = 0.02);
create table sessions (id bigint primary key, data text) with (fillfactor = 50);
