create table tickets (id bigint primary key, number integer not null default 0);
create function next_ticket_number() returns integer language sql begin atomic select coalesce(max(number), 0) + 1 from tickets; end;
alter table tickets alter column number set default next_ticket_number();
