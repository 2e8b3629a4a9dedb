create table items (id integer primary key, code text not null);
create function normalize_code(c text) returns text language plpgsql immutable as $$
begin
    return upper(trim(c));
end;
$$;
