-- a table
create table accounts (id bigint primary key);
