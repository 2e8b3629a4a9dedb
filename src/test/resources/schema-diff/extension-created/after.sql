create extension citext;
create extension pg_trgm;
create table users (id bigint primary key, email citext not null unique);
create index users_email_trgm on users using gin ((email::text) gin_trgm_ops);
