create table tickets (id bigint primary key);
