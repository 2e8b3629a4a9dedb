-- the second statement refers to an instructor that does not exist
insert into courses (id, instructor_id, title, slug) values (1, 1, 'Good', 'good');
insert into courses (id, instructor_id, title, slug) values (2, 999, 'Bad', 'bad');
