create table order_lines (id bigint primary key, price numeric(10,2) not null, quantity integer not null, total numeric);
insert into order_lines values (1, 9.99, 2, 19.98);
