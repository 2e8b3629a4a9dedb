create table users (id bigint primary key, display_name text);
