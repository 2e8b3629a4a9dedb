do $$ begin create role lmsdb_corpus_reader; exception when duplicate_object then null; end $$;
do $$ begin create role "lmsdb Corpus Writer"; exception when duplicate_object then null; end $$;
create table orders (id bigint primary key, total numeric(12,2));
create view order_totals as select id, total from orders;
create function order_total(p_id bigint) returns text language sql as 'select total::text from orders where id = p_id';
grant select on order_totals to lmsdb_corpus_reader;
revoke execute on function order_total(bigint) from public;
grant execute on function order_total(bigint) to lmsdb_corpus_reader;
