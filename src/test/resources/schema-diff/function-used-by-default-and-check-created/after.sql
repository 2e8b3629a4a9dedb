create function next_code() returns text language sql volatile as $$ select 'C-' || floor(random() * 1000000)::text $$;
create function is_code(c text) returns boolean language sql immutable as $$ select c like 'C-%' $$;
create table items (id integer primary key, code text not null default next_code() check (is_code(code)));
