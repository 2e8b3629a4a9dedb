create type address as (street text, city varchar(120), country text);
create type money_range as (low numeric, high numeric, currency char(3));
