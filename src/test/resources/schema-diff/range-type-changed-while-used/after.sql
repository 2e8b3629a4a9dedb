create type span as range (subtype = bigint);
create table shifts (id bigint primary key, hours span);
