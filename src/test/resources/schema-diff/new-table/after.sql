create table users (
    id bigint primary key,
    email text not null
);

create table posts (
    id bigint generated always as identity primary key,
    user_id bigint not null references users (id),
    title varchar(200) not null,
    body text
);
