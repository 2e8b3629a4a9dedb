create table users (id bigint primary key, email text not null);
comment on column users.email is 'where we write, verified';
