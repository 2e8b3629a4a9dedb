-- Adds users.role (admin, instructor or student; existing users become students) and an index on it.
ALTER TABLE users ADD COLUMN role text NOT NULL DEFAULT 'student';
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'instructor', 'student'));

CREATE INDEX idx_users_role ON users (role);
