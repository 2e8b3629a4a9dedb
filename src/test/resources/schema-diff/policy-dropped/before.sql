create table documents (id bigint primary key, owner text not null, published boolean not null default false, body text);
alter table documents enable row level security;
create policy documents_owner on documents using (owner = current_user);
create policy documents_no_drafts on documents as restrictive for select using (published);
