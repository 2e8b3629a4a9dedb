create table users (id bigint primary key);
create table teams (id bigint primary key, captain_id bigint);
create table players (id bigint primary key, team_id bigint references teams (id));
alter table teams add constraint teams_captain_id_fkey foreign key (captain_id) references players (id);
