create type mood as enum ('happy', 'ok', 'sad');
create table users (id bigint primary key, mood mood);
