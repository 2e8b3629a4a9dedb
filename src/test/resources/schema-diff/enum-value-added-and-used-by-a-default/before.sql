create type ticket_state as enum ('open', 'closed');
create table tickets (id bigint primary key, state ticket_state not null default 'open');
insert into tickets values (1, 'open'), (2, 'closed');
