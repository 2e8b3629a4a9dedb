create table cities (name text not null, population integer, constraint cities_population_check check (population >= 0));
create table capitals (state char(2) not null) inherits (cities);
create table towns (name text not null, population integer, mayor text);
