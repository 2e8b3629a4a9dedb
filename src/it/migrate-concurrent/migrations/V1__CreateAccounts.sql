-- slow on purpose, so that the two runs overlap
select pg_sleep(15);
create table accounts (id bigint primary key);
