create table users (id bigint primary key, full_name varchar(50) not null);
insert into users values (1, 'Ann Smith'), (2, 'Bob Jones');
