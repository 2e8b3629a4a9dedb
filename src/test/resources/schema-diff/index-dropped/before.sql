create table users (id bigint primary key, email text not null, full_name text, active boolean not null default true, code text, tags text[]);
create index idx_users_full_name on users (full_name);
