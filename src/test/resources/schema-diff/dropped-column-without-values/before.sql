create table users (id bigint primary key, email text not null, phone text);
insert into users values (1, 'ann@example.com', null);
