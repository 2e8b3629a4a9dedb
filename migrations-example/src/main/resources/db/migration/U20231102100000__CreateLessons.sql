-- Undoes CreateLessons: drops the lessons table.
DROP TABLE lessons;
