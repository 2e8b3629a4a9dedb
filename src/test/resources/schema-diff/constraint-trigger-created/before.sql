create table stock (item_id integer primary key, quantity integer not null);
create function check_stock() returns trigger language plpgsql as $$
begin
    if new.quantity < 0 then
        raise exception 'stock of % would go below zero', new.item_id;
    end if;
    return null;
end;
$$;
