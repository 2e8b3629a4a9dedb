select format('%s quizzes, %s questions, %s options',
              (select count(*) from quizzes), (select count(*) from quiz_questions), count(*))
  from quiz_options;
