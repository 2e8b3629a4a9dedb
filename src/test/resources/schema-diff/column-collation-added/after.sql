create table people (id bigint primary key, name text collate "C" not null, code varchar(10) collate "POSIX");
