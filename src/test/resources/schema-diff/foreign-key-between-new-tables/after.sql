create table authors (id bigint primary key, name text not null);
create table books (
    id bigint primary key,
    author_id bigint not null references authors (id),
    title text not null
);
