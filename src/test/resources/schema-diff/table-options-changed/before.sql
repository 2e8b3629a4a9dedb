create table page_hits (id bigint primary key, path text not null) with (fillfactor = 70, autovacuum_enabled = false);
create unlogged table sessions (id bigint primary key, data text);
insert into page_hits values (1, '/');
