create table never_reached (id int);
