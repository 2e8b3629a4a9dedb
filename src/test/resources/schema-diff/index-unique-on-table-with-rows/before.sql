create table users (id bigint primary key, email text not null, full_name text, active boolean not null default true, code text, tags text[]);
insert into users (id, email, code) values (1, 'ann@example.com', 'A1'), (2, 'bob@example.com', 'B2');
