create extension citext;
create table users (id bigint primary key, email text not null unique);
