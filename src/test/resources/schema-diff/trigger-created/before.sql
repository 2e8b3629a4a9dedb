create table notes (id integer primary key, body text, updated_at timestamptz);
create function touch() returns trigger language plpgsql as $$
begin
    new.updated_at := now();
    return new;
end;
$$;
