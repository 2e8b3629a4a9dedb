-- Undoes CreateUserProgress: drops the user_progress table.
DROP INDEX idx_user_progress_lesson_id;

DROP TABLE user_progress;
