create table events (id bigint not null, at date not null, kind text, primary key (id, at)) partition by range (at);
create index events_kind on events (kind);
create table events_2024 partition of events for values from ('2024-01-01') to ('2025-01-01');
