create table page_views (id bigint primary key, views bigint not null default 0);
