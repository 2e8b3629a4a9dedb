create type address as (street text, city varchar(80), "Postcode" text);
create table customers (id bigint primary key, billing address);
