create type ticket_state as enum ('open', 'closed');
create table tickets (id bigint primary key, state ticket_state not null, closed_at timestamptz);
