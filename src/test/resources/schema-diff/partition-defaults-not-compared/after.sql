create table events (id bigint not null, at date not null, kind text, primary key (id, at)) partition by range (at);
create table events_2024 partition of events for values from ('2024-01-01') to ('2025-01-01');
create table events_2025 partition of events for values from ('2025-01-01') to ('2026-01-01');
alter table events_2025 alter column kind set default 'current';
alter table events_2025 alter column kind set not null;
