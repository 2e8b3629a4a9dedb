create table customers (id integer primary key);
