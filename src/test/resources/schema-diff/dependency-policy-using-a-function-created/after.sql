create table members (user_name text not null, team integer not null, primary key (user_name, team));
create function my_teams() returns integer[] language sql stable
    return array(select team from members where user_name = current_user);
create table documents (id integer primary key, team integer not null, body text);
alter table documents enable row level security;
create policy documents_of_my_teams on documents using (team = any (my_teams()));
