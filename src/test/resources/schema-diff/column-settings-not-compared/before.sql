create table events (id bigint primary key, payload text, kind text);
create index events_kind_idx on events (kind);
create view recent_events as select id, kind from events;
