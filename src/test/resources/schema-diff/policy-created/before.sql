do $$ begin create role lmsdb_corpus_reader; exception when duplicate_object then null; end $$;
create table documents (id bigint primary key, owner text not null, published boolean not null default false, body text);
alter table documents enable row level security;
