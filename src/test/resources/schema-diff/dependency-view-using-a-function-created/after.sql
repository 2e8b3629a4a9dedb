create table users (id integer primary key, active boolean not null default true);
create view active_users as select id from users where active;
create function active_count() returns bigint language sql stable
    return (select count(*) from active_users);
create view user_stats as select active_count() as active;
