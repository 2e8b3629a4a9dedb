create table users (id bigint primary key, full_name varchar(20) not null);
