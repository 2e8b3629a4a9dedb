create table courses (id bigint primary key, status varchar(20) not null default 'draft');
