create table places (id integer primary key, label text);
