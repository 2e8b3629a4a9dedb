create table products (id bigint primary key, price numeric(12,2) not null);
