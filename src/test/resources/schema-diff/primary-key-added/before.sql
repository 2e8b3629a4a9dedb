create table countries (code char(2), name text not null);
