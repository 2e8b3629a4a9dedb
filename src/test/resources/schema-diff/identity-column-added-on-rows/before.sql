create table tags (label text not null);
insert into tags values ('sql'), ('java');
