create table legacy_orders (id integer not null);
create sequence order_numbers owned by legacy_orders.id;
create table orders (id bigint primary key);
