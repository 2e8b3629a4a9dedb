create type point2 as (x numeric, y numeric);
