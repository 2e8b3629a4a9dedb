create table users (id bigint primary key);
insert into users values (1), (2);
