create table orders (id bigint primary key, status text not null default 'new');
