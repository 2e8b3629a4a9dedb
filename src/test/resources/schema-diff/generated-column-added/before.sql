create table order_lines (id bigint primary key, price numeric(10,2) not null, quantity integer not null);
insert into order_lines values (1, 9.99, 2), (2, 5.00, 1);
