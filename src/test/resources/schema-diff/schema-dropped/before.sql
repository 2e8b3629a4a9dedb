create table users (id bigint primary key, email text not null);
create schema reporting;
create type reporting.period as enum ('month', 'quarter');
create table reporting.totals (id bigint primary key, period reporting.period not null, user_id bigint references public.users (id));
create view reporting.monthly as select id, user_id from reporting.totals where period = 'month';
insert into reporting.totals values (1, 'month', null);
