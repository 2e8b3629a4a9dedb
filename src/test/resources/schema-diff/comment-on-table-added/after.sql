create table users (id bigint primary key, email text not null);
comment on table users is 'people who can sign in';
