create type point2 as (x numeric, y numeric);
create domain positive_point as point2 check ((value).x >= 0 and (value).y >= 0);
create table places (id integer primary key, location positive_point, label text);
