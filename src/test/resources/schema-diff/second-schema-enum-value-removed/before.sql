create schema reporting;
create type reporting.period as enum ('month', 'quarter', 'year');
create table reporting.totals (id bigint primary key, period reporting.period not null default 'month');
insert into reporting.totals values (1, 'month'), (2, 'year');
