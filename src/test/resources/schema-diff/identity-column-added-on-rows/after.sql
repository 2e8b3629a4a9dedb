create table tags (label text not null, id bigint generated always as identity);
