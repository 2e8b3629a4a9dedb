create type point2 as (x numeric, y numeric, z numeric);
create domain above_ground as point2 check ((value).z >= 0);
