create domain amount as numeric(12,2) default 0 not null constraint amount_not_negative check (value >= 0);
alter domain amount add constraint amount_below_a_million check (value < 1000000) not valid;
create domain code as text collate "C" constraint code_upper check (value = upper(value));
create table invoices (id bigint primary key, total amount, code code);
