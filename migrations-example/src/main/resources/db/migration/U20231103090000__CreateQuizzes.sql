-- Undoes CreateQuizzes: drops the quizzes table.
DROP INDEX idx_quizzes_lesson_id;

DROP TABLE quizzes;
