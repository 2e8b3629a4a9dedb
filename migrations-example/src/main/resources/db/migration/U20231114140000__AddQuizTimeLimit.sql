-- Undoes AddQuizTimeLimit: drops the index, the check and the quizzes.time_limit column (with its comment).
DROP INDEX idx_quizzes_time_limit;

ALTER TABLE quizzes DROP CONSTRAINT quizzes_time_limit_check;
ALTER TABLE quizzes DROP COLUMN time_limit;
