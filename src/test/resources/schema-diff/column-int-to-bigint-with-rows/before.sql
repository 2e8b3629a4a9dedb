create table page_views (id bigint primary key, views integer not null default 0);
insert into page_views values (1, 10), (2, 20), (3, 30);
