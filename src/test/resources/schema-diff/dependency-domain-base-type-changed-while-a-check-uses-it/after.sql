create domain amount as numeric(14,2);
create table invoices (id bigint primary key, total numeric, constraint invoices_total_is_an_amount check (total::amount > 0));
