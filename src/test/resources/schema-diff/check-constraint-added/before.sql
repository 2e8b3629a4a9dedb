create table products (id bigint primary key, price numeric(10,2) not null);
