-- Undoes CreateUsers: drops the users table.
DROP INDEX users_email_lower_key;

DROP TABLE users;
