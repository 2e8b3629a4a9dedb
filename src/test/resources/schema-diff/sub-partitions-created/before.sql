create table events (id bigint not null, at date not null, region text not null) partition by list (region);
