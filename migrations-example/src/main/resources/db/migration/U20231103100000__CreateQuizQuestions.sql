-- Undoes CreateQuizQuestions: drops the quiz_questions table.
DROP TABLE quiz_questions;
