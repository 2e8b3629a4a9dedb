create table users (id bigint primary key, email text not null, active boolean not null default true);
create view active_users as select id, email from users where active;
-- Sorts before the view it reads from.
create view active_user_emails as select email from active_users;
