create table tags (id bigint not null, label text not null);
insert into tags values (1, 'sql'), (2, 'java');
