create table cities (name text not null, population bigint, country text default 'NL');
create table capitals (state char(2) not null) inherits (cities);
