create table users (id bigint primary key, email text not null, phone text);
insert into users values (1, 'ann@example.com', '555-0100'), (2, 'bob@example.com', '555-0101'), (3, 'cy@example.com', null);
