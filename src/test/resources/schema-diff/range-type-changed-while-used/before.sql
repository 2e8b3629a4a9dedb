create type span as range (subtype = integer);
create table shifts (id bigint primary key, hours span);
