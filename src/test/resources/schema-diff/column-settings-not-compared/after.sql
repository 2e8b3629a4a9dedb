create table events (id bigint primary key, payload text, kind text);
create index events_kind_idx on events (kind);
create view recent_events as select id, kind from events;
alter table events alter column payload set statistics 500;
alter table events alter column payload set storage external;
alter table events alter column payload set compression pglz;
alter table events alter column kind set (n_distinct = 10);
alter table events cluster on events_kind_idx;
