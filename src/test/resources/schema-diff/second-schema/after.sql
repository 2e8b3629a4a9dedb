create schema reporting;
create type reporting.period as enum ('month', 'quarter');
create table users (id bigint primary key, email text not null);
create table reporting.daily_totals (day date primary key, signups integer not null default 0, visits integer);
create table reporting.period_totals (
    id bigint generated always as identity primary key,
    period reporting.period not null,
    starts_on date not null,
    owner_id bigint references users (id)
);
create index idx_period_totals_starts_on on reporting.period_totals (starts_on);
create view reporting.signups_by_day as select day, signups from reporting.daily_totals;
