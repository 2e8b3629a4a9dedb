create table cities (name text not null, population integer, constraint cities_population_check check (population >= 0));
create table capitals (name text not null, population integer, state char(2) not null);
create table towns (name text not null, population integer, mayor text) inherits (cities);
