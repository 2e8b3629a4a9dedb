create table documents (id integer primary key, team integer not null, body text);
alter table documents enable row level security;
