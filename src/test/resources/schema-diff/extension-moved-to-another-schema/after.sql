create schema reporting;
create extension hstore with schema reporting;
create table settings (id bigint primary key, data text);
