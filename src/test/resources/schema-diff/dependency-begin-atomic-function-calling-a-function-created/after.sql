create table orders (id integer primary key, total numeric(10,2) not null);
create function order_total(p_id integer) returns numeric language sql stable
begin atomic
    select total from orders where id = p_id;
end;
create function gross_total(p_id integer) returns numeric language sql stable
begin atomic
    select case when order_total(p_id) is null then 0 else round(order_total(p_id) * 1.2, 2) end;
end;
