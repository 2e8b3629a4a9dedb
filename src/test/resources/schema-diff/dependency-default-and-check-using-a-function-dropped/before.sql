create table plans (kind text primary key, max_amount numeric(10,2) not null);
create function max_for(p_kind text) returns numeric language sql stable
    return (select max_amount from plans where kind = p_kind);
create table accounts (id integer primary key, kind text not null, amount numeric(10,2) not null default max_for('basic'),
    constraint accounts_amount_within_plan check (amount <= max_for(kind)));
