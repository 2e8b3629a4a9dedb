create table items (id integer primary key, price numeric(10,2) not null, tax_rate numeric(4,3) not null default 0.2);
create function gross_price(p_id integer) returns numeric language sql stable
    return (select round(price * (1 + tax_rate), 2) from items where id = p_id);
create view priced_items as select id, price, gross_price(id) as gross from items;
