create type mood as enum ('sad', 'happy');
create table users (id bigint primary key, mood mood not null default 'sad');
create view happy_users as select id from users where mood = 'happy';
