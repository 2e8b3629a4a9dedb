create table users (id bigint primary key, email text);
insert into users values (1, 'ann@example.com'), (2, null), (3, null);
