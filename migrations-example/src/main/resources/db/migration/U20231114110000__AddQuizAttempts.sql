-- Undoes AddQuizAttempts: drops user_answers and quiz_attempts, and the (id, question_id) key of quiz_options.
DROP INDEX idx_user_answers_option_id;
DROP INDEX idx_user_answers_question_id;

DROP TABLE user_answers;

ALTER TABLE quiz_options DROP CONSTRAINT quiz_options_id_question_id_key;

DROP INDEX idx_quiz_attempts_quiz_id;
DROP INDEX idx_quiz_attempts_user_id_quiz_id;

DROP TABLE quiz_attempts;
