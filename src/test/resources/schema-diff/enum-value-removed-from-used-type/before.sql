create type mood as enum ('sad', 'ok', 'happy');
create table users (id bigint primary key, mood mood not null default 'sad');
insert into users values (1, 'sad'), (2, 'happy');
