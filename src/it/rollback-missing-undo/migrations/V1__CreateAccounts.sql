create table accounts (id int);
