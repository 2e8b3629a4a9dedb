create table documents (id bigint primary key, owner text not null);
create table notes (id bigint primary key, owner text not null);
alter table notes enable row level security;
