create table a (id bigint primary key, code text not null unique);
create table b (id bigint primary key);
create table c (id bigint primary key);
alter table c replica identity full;
create table d (id bigint not null, code text not null);
create unique index d_code_idx on d (code);
alter table d replica identity using index d_code_idx;
