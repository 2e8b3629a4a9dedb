create domain percent as numeric(5,2) check (value between 0 and 100);
create type score as (subject text, pct percent);
create table results (id integer primary key, best score);
