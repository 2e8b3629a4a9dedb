create schema reporting;
create table users (id bigint primary key, email text not null);
create table reporting.daily_totals (day date primary key, signups integer not null default 0);
insert into reporting.daily_totals values ('2024-01-01', 3), ('2024-01-02', 5);
