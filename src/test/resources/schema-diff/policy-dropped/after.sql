create table documents (id bigint primary key, owner text not null, published boolean not null default false, body text);
alter table documents enable row level security;
