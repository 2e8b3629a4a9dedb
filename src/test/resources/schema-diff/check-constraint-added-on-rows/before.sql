create table products (id bigint primary key, price numeric(10,2) not null);
insert into products values (1, 9.99), (2, 0);
