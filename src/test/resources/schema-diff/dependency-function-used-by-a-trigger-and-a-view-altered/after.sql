create table locks (note_id integer primary key, locked_until timestamptz);
create function is_locked(p_id integer) returns boolean language sql stable
    return exists (select 1 from locks where note_id = p_id and (locked_until is null or locked_until > now()));
create table notes (id integer primary key, body text);
create function reject_change() returns trigger language plpgsql as $$
begin
    raise exception 'note % is locked', old.id;
end;
$$;
create trigger notes_locked before update on notes for each row when (is_locked(old.id)) execute function reject_change();
create view open_notes as select id, body from notes where not is_locked(id);
