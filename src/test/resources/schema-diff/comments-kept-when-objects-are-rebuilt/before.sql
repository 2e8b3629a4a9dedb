create type status as enum ('new', 'open', 'done');
create table orders (id bigint primary key, total numeric not null, status status not null default 'new', updated_at timestamptz,
    constraint orders_total_positive check (total >= 0));
create index orders_total_idx on orders (total);
create function touch() returns trigger language plpgsql as $$ begin new.updated_at := now(); return new; end; $$;
create function tax(amount numeric) returns numeric language sql as $$ select amount * 0.2 $$;
create trigger orders_touch before update on orders for each row execute function touch();
create view order_list as select id, total from orders;
comment on type status is 'Where an order is';
comment on constraint orders_total_positive on orders is 'No credit notes';
comment on index orders_total_idx is 'For reports';
comment on function tax(numeric) is 'VAT';
comment on trigger orders_touch on orders is 'See touch()';
comment on column order_list.total is 'Gross';
