create domain amount as numeric(12,2);
create table invoices (id bigint primary key, total amount);
