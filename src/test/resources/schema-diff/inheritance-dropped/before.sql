create table cities (name text not null, population integer default 0, constraint cities_population_check check (population >= 0));
create table capitals (state char(2) not null, population integer default 1) inherits (cities);
create table old_capitals (founded date) inherits (capitals);
