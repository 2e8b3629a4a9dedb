-- Undoes CreateQuizOptions: drops the quiz_options table.
DROP TABLE quiz_options;
