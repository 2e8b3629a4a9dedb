create table readings (id bigint primary key, city text, zip text);
create table readings_log (id bigint);
create statistics readings_city_zip (dependencies) on city, zip from readings;
