create sequence invoice_numbers as integer start with 1000;
create table invoices (id bigint primary key);
