create table page_hits (id bigint primary key, path text not null);
create table sessions (id bigint primary key, data text);
