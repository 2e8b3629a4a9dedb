-- Adds courses.category, a free-text category name (NULL = uncategorised), and an index on it.
ALTER TABLE courses ADD COLUMN category varchar(100);

CREATE INDEX idx_courses_category ON courses (category);
