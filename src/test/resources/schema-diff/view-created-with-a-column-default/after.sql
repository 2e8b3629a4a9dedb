create table events (id bigint primary key, kind text not null);
create view recent_events as select id, kind from events;
alter view recent_events alter column kind set default 'info';
