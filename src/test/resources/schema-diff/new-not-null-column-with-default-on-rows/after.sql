create table users (id bigint primary key, active boolean not null default true);
