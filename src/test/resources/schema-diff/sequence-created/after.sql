create sequence invoice_numbers start with 1000 increment by 10;
create table invoices (id bigint primary key, number bigint not null default nextval('invoice_numbers'));
