create table users (id bigint primary key, email text not null, full_name text, active boolean not null default true, code text, tags text[]);
