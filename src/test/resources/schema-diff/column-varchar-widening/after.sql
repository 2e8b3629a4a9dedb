create table users (id bigint primary key, full_name varchar(100) not null);
