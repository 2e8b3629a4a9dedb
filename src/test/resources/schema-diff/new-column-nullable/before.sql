create table users (id bigint primary key, email text not null);
insert into users values (1, 'ann@example.com'), (2, 'bob@example.com');
