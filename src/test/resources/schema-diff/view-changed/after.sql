create table users (id bigint primary key, email text not null, active boolean not null default true);
create view active_users as select id, email from users where active and email like '%@example.com';
