create domain amount as numeric(12,2) default 1 constraint amount_not_negative check (value > 0);
alter domain amount add constraint amount_below_a_million check (value < 1000000);
create domain code as text constraint code_upper check (value = upper(value));
alter domain code add constraint code_not_blank check (value <> '') not valid;
create table invoices (id bigint primary key, total amount, code code);
