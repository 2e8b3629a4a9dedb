create table tickets (id bigint primary key);
create function next_ticket_number() returns integer language sql begin atomic select count(*)::integer + 1 from tickets; end;
insert into tickets values (1), (2);
