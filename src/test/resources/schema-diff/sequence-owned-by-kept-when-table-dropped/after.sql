create sequence order_numbers;
create table orders (id bigint primary key, number bigint default nextval('order_numbers'));
