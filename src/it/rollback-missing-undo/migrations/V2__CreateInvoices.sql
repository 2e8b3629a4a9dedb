create table invoices (id int);
