create table invoices (id bigint primary key, number integer);
create sequence invoice_numbers as integer owned by invoices.number;
