-- Undoes AddCourseSlugs: drops courses.slug with its constraints.
ALTER TABLE courses DROP CONSTRAINT courses_slug_key;
ALTER TABLE courses DROP CONSTRAINT courses_slug_check;

ALTER TABLE courses DROP COLUMN slug;
