-- Undoes AddUserRoles: drops the index, the check and the users.role column.
DROP INDEX idx_users_role;

ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users DROP COLUMN role;
