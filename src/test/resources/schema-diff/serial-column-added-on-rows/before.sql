create table tickets (title text not null);
insert into tickets values ('first'), ('second');
