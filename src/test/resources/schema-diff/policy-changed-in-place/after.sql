do $$ begin create role lmsdb_corpus_reader; exception when duplicate_object then null; end $$;
create table documents (id bigint primary key, owner text not null, published boolean not null default false, body text);
alter table documents enable row level security;
create policy documents_owner on documents using (owner = current_user or owner = session_user) with check (owner = current_user);
create policy documents_published on documents for select to lmsdb_corpus_reader, public using (published and body is not null);
