-- a table, then a statement that fails
create table invoices (id bigint primary key);
insert into no_such_table values (1);
