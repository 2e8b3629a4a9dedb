create table events (id bigint not null, at date not null, kind text, primary key (id, at)) partition by range (at);
create index events_kind on events (kind);
create table events_2024 partition of events for values from ('2024-01-01') to ('2025-01-01');
create table events_other partition of events default;
create index events_2024_local on events_2024 (kind, id);
alter table events_other add constraint events_other_kind check (kind <> 'click');
alter table events_other add constraint events_other_id_key unique (id);
create index events_at on events (at);
