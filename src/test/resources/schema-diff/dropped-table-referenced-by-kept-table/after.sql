create table players (id bigint primary key, team_id bigint);
