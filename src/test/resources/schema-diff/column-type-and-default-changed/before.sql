create table products (id bigint primary key, stock integer not null default 0);
