create domain amount as numeric(12,2);
create view amounts as select 1.5::amount as a;
