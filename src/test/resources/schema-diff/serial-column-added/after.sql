create table tickets (title text not null, id serial primary key);
