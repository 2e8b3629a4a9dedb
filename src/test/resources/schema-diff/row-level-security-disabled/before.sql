create table documents (id bigint primary key, owner text not null);
alter table documents enable row level security;
create policy documents_owner on documents using (owner = current_user);
create table notes (id bigint primary key, owner text not null);
alter table notes enable row level security;
alter table notes force row level security;
