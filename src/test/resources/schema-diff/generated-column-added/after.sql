create table order_lines (
    id bigint primary key,
    price numeric(10,2) not null,
    quantity integer not null,
    total numeric generated always as (price * quantity) stored
);
