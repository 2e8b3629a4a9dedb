create table a (id bigint primary key, code text not null unique);
alter table a replica identity using index a_code_key;
create table b (id bigint primary key);
alter table b replica identity full;
create table c (id bigint primary key);
alter table c replica identity nothing;
create table d (id bigint not null, code text not null);
create unique index d_code_idx on d (code, id);
alter table d replica identity using index d_code_idx;
