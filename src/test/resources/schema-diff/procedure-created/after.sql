create table audit_log (id bigint generated always as identity primary key, message text not null);
create procedure log_message(m text) language sql as $$ insert into audit_log (message) values (m) $$;
