-- Undoes CreateCourses: drops the courses table.
DROP INDEX idx_courses_status;
DROP INDEX idx_courses_instructor_id;

DROP TABLE courses;
