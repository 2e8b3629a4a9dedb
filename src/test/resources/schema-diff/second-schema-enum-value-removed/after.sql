create schema reporting;
create type reporting.period as enum ('month', 'year');
create table reporting.totals (id bigint primary key, period reporting.period not null default 'month');
