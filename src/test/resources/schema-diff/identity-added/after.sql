create table tags (id bigint generated always as identity, label text not null);
