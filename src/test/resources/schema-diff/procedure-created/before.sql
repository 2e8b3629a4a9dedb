create table audit_log (id bigint generated always as identity primary key, message text not null);
