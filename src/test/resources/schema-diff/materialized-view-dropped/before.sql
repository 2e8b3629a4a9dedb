create table users (id bigint primary key, active boolean not null default true);
create materialized view user_counts as select active, count(*) as users from users group by active;
