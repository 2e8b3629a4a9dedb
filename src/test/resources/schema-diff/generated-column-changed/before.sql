create table order_lines (
    id bigint primary key,
    price numeric(10,2) not null,
    quantity integer not null,
    total numeric generated always as (price * quantity) stored
);
insert into order_lines (id, price, quantity) values (1, 9.99, 2), (2, 5.00, 1);
