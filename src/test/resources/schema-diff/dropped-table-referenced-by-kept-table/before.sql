create table teams (id bigint primary key);
create table players (id bigint primary key, team_id bigint references teams (id));
