create table notes (id integer primary key, body text, archived boolean not null default false);
create view live_notes as select id, body, length(body) as body_length from notes where not archived;
create function notes_view_insert() returns trigger language plpgsql as $$
begin
    insert into notes (id, body) values (new.id, new.body);
    return new;
end;
$$;
create trigger live_notes_insert instead of insert on live_notes for each row execute function notes_view_insert();
