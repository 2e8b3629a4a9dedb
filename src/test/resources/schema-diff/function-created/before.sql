create table items (id integer primary key, price numeric(10,2) not null);
