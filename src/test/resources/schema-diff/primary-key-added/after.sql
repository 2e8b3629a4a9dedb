create table countries (code char(2) primary key, name text not null);
