create table courses (
    id bigint primary key,
    status varchar(20) not null default 'draft' check (status in ('draft', 'published', 'archived'))
);
