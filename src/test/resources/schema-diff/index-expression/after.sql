create table users (id bigint primary key, email text not null, full_name text, active boolean not null default true, code text, tags text[]);
create unique index users_email_lower_key on users (lower(email));
