create table tickets (id bigint generated always as identity (start with 100 increment by 10 cache 20) primary key, title text);
