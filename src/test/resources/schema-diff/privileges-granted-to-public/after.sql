create table prices (id bigint primary key, amount numeric(10,2));
create sequence invoice_numbers;
grant select on prices to public;
grant usage on sequence invoice_numbers to public;
