create table plans (kind text primary key);
create table accounts (id integer primary key, kind text not null, amount numeric(10,2) not null);
