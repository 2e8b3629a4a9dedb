do $$ begin create role lmsdb_corpus_reader; exception when duplicate_object then null; end $$;
do $$ begin create role "lmsdb Corpus Writer"; exception when duplicate_object then null; end $$;
create schema reporting;
create table orders (id bigint primary key, total numeric(10,2));
create view order_totals as select id, total from orders;
create sequence invoice_numbers;
create function order_count() returns bigint language sql as 'select count(*) from orders';
create procedure archive_orders() language sql as 'delete from orders';
