create table documents (id integer primary key, team integer not null);
create function my_team() returns bigint language sql stable return 1;
alter table documents enable row level security;
create policy documents_of_my_team on documents using (team = my_team());
