create table events (id bigint primary key, kind text not null);
