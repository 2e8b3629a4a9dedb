create table documents (id bigint primary key, owner text not null);
create policy documents_owner on documents using (owner = current_user);
create table notes (id bigint primary key, owner text not null);
alter table notes enable row level security;
