create schema reporting;
create type status as enum ('new', 'done');
create sequence invoice_numbers;
create table orders (id bigint primary key, total numeric not null, status status not null default 'new', updated_at timestamptz,
    constraint orders_total_positive check (total >= 0));
create index orders_status_idx on orders (status);
create function touch() returns trigger language plpgsql as $$ begin new.updated_at := now(); return new; end; $$;
create procedure archive(days integer) language sql as $$ delete from orders where updated_at < now() - make_interval(days => days) $$;
create trigger orders_touch before update on orders for each row execute function touch();
alter table orders enable row level security;
create policy orders_all on orders using (true);
create materialized view order_totals as select status, sum(total) as total from orders group by status;
comment on schema reporting is 'Reports';
comment on type status is 'Where an order is';
comment on constraint orders_total_positive on orders is 'No credit notes, ever';
comment on function touch() is 'Sets updated_at';
comment on trigger orders_touch on orders is 'See touch()';
comment on column order_totals.total is 'Sum of totals';
