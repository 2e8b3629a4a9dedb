create domain percent as numeric(5,2) check (value between 0 and 100);
create domain grade as text check (value in ('A', 'B', 'C'));
create type score as (subject text, pct percent, g grade);
