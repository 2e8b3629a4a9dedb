create domain amount as numeric(14,2);
create table invoices (id bigint primary key, total amount);
