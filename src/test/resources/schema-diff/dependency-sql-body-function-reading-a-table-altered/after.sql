create table orders (id integer primary key, total numeric(10,2) not null, discount numeric(10,2) not null default 0);
create function order_total(p_id integer) returns numeric language sql stable
    return (select total - discount from orders where id = p_id);
