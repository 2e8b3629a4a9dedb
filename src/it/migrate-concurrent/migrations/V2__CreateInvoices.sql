create table invoices (id bigint primary key);
