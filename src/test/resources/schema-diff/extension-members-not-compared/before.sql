create extension hstore;
create extension pgcrypto;
create table settings (id bigint primary key, data hstore, secret bytea default gen_random_bytes(16));
