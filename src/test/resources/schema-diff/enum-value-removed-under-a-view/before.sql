create type mood as enum ('sad', 'ok', 'happy');
create table users (id bigint primary key, mood mood not null default 'sad');
create view happy_users as select id from users where mood = 'happy';
insert into users values (1, 'sad'), (2, 'happy');
