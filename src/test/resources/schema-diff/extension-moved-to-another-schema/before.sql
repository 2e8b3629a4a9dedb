create schema reporting;
create extension hstore;
create table settings (id bigint primary key, data text);
