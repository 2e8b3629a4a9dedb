create table users (id bigint primary key, full_name varchar(50) not null);
create view user_names as select id, full_name from users;
