create table documents (id bigint primary key, owner text not null, body text);
alter table documents enable row level security;
create policy documents_owner on documents using (owner = current_user);
