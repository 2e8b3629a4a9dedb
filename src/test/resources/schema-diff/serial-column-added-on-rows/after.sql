create table tickets (title text not null, number serial);
