-- Undoes CreateEnrollments: drops the enrollments table.
DROP INDEX idx_enrollments_course_id;

DROP TABLE enrollments;
