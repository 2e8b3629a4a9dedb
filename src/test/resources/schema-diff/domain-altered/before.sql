create domain amount as numeric(12,2) default 0 not null constraint amount_not_negative check (value >= 0);
alter domain amount add constraint amount_below_a_million check (value < 1000000) not valid;
create domain code as text constraint code_upper check (value = upper(value)) constraint code_short check (length(value) < 10);
create table invoices (id bigint primary key, total amount, code code);
insert into invoices values (1, 10, 'AB');
