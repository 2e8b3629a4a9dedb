create table products (id bigint primary key, stock bigint not null default 100);
