create table notes (id integer primary key, body text);
