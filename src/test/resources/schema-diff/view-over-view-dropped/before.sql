create table users (id bigint primary key, email text not null, active boolean not null default true);
create view a_active_users as select id, email from users where active;
-- Sorts after the view it reads from.
create view b_active_emails as select email from a_active_users;
