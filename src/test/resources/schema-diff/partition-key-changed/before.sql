create table events (id bigint not null, created_at timestamptz not null, kind text) partition by range (created_at);
