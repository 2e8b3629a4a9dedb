create type mood as enum ('sad', 'ok', 'happy');
create table users (id bigint primary key, mood mood not null default 'sad');
