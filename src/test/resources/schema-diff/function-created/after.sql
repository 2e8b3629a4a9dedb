create table items (id integer primary key, price numeric(10,2) not null);
create function add_one(i integer) returns integer language sql immutable as $$ select i + 1 $$;
create function price_with_tax(item_id integer, rate numeric default 0.2) returns numeric
    language plpgsql stable
as $$
declare
    p numeric;
begin
    select price into p from items where id = item_id;
    return round(p * (1 + rate), 2);
end;
$$;
