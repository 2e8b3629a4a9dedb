-- Undoes AddCourseCategories: drops the index and the courses.category column.
DROP INDEX idx_courses_category;

ALTER TABLE courses DROP COLUMN category;
