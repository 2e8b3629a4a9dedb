create table customer (id bigint primary key, name text not null);
insert into customer values (1, 'Ann'), (2, 'Bob');
