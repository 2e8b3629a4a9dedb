create table users (id integer primary key, active boolean not null default true);
