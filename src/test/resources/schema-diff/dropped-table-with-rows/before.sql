create table users (id bigint primary key);
create table audit_log (id bigint primary key, message text);
insert into audit_log values (1, 'created'), (2, 'updated'), (3, 'deleted');
