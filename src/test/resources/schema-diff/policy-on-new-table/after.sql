create table documents (id bigint primary key, owner text not null);
alter table documents enable row level security;
alter table documents force row level security;
create policy documents_owner on documents for insert with check (owner = current_user);
