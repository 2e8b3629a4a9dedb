create table people (id bigint primary key, name text not null, code varchar(10));
