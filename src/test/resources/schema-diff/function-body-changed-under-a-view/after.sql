create table items (id integer primary key, price numeric(10,2) not null);
create function with_tax(p numeric) returns numeric language sql immutable as $$ select round(p * 1.25, 2) $$;
create view priced_items as select id, with_tax(price) as gross from items;
