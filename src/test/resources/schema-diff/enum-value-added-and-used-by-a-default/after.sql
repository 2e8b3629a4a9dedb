create type ticket_state as enum ('new', 'open', 'closed');
create table tickets (id bigint primary key, state ticket_state not null default 'new');
