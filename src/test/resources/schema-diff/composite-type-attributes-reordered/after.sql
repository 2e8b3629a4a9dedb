create type address as (city text, street text);
