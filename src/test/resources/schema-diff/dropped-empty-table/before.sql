create table users (id bigint primary key);
create table audit_log (id bigint primary key, message text);
