create table prices (id bigint primary key, amount numeric(10,2));
create sequence invoice_numbers;
