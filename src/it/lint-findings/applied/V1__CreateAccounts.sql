create table accounts (id int primary key, email text);
insert into accounts select i, 'user' || i || '@example.com' from generate_series(1, 500) i;
