create table readings (id bigint primary key, city text, zip text);
create table readings_log (id bigint);
create rule readings_logged as on insert to readings do also insert into readings_log values (new.id);
