create table events (id bigint primary key, kind text not null, level integer);
create view recent_events as select id, kind, level from events;
alter view recent_events alter column kind set default 'info';
alter view recent_events alter column level set default 1;
