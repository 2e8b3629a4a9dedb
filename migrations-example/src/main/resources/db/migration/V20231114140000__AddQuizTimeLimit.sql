-- Adds quizzes.time_limit, the time allowed in minutes (NULL = no limit, otherwise positive), and an index on it.
ALTER TABLE quizzes ADD COLUMN time_limit integer NULL;
ALTER TABLE quizzes ADD CONSTRAINT quizzes_time_limit_check CHECK (time_limit > 0);

COMMENT ON COLUMN quizzes.time_limit IS 'time allowed for an attempt, in minutes; NULL means no limit';

CREATE INDEX idx_quizzes_time_limit ON quizzes (time_limit);
