create table tickets (id serial primary key, title text not null);
