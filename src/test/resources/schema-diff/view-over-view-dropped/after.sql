create table users (id bigint primary key, email text not null, active boolean not null default true);
