create function min_qty() returns integer language sql immutable return 1;
create table items (id integer primary key, qty integer not null default min_qty(), constraint items_qty_at_least_min check (qty >= min_qty()));
comment on constraint items_qty_at_least_min on items is 'Never below the minimum';
