create type address as (street text, city varchar(80), zip text);
create type money_range as (low numeric, high numeric);
