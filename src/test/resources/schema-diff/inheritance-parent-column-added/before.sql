create table cities (name text not null, population integer);
create table capitals (state char(2) not null) inherits (cities);
