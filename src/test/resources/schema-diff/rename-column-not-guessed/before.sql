create table users (id bigint primary key, nickname text);
insert into users values (1, 'annie'), (2, null);
