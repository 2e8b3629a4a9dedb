create table items (id integer primary key, price numeric(10,2) not null);
create view priced_items as select id, price from items;
