create table items (id integer primary key, code text not null);
