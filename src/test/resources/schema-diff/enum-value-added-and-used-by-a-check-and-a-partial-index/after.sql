create type ticket_state as enum ('open', 'closed', 'archived');
create table tickets (id bigint primary key, state ticket_state not null, closed_at timestamptz,
    constraint tickets_closed_check check (state not in ('closed', 'archived') or closed_at is not null));
create index tickets_archived_idx on tickets (closed_at) where state = 'archived';
