create table events (id bigint not null, at date not null, region text not null) partition by list (region);
create table events_eu partition of events for values in ('eu', 'uk') partition by range (at);
create table events_eu_2024 partition of events_eu for values from ('2024-01-01') to ('2025-01-01');
create table events_us partition of events for values in ('us');
create index events_at on events (at);
