create table orders (id integer primary key, total numeric(10,2) not null);
create function order_total(p_id integer) returns numeric language sql stable
    return (select total from orders where id = p_id);
