create table documents (id bigint primary key, owner text not null);
alter table documents enable row level security;
alter table documents force row level security;
create table notes (id bigint primary key, owner text not null);
alter table notes enable row level security;
alter table notes force row level security;
