-- Undoes AddUpdatedAtTriggers: drops the updated_at triggers and their trigger function.
DROP TRIGGER user_progress_set_updated_at ON user_progress;
DROP TRIGGER enrollments_set_updated_at ON enrollments;
DROP TRIGGER quiz_options_set_updated_at ON quiz_options;
DROP TRIGGER quiz_questions_set_updated_at ON quiz_questions;
DROP TRIGGER quizzes_set_updated_at ON quizzes;
DROP TRIGGER lessons_set_updated_at ON lessons;
DROP TRIGGER course_sections_set_updated_at ON course_sections;
DROP TRIGGER courses_set_updated_at ON courses;
DROP TRIGGER users_set_updated_at ON users;

DROP FUNCTION set_updated_at();
