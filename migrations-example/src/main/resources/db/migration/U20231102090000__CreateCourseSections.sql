-- Undoes CreateCourseSections: drops the course_sections table.
DROP TABLE course_sections;
