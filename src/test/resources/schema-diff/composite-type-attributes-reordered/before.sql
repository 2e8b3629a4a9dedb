create type address as (street text, city text);
