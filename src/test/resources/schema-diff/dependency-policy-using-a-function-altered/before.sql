create table members (user_name text not null, team integer not null, primary key (user_name, team));
create table documents (id integer primary key, team integer not null, body text);
alter table documents enable row level security;
create policy documents_of_my_teams on documents using (team = 1);
