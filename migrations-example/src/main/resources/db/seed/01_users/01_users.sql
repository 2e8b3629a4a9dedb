-- Sample data for the lmsdb example: 5 users (1 admin, 2 instructors, 2 students); each password is stored only as a bcrypt hash (cost 10, own salt), the test logins are in ../credentials.txt.
-- Explicit ids and ON CONFLICT DO NOTHING: seeding twice inserts nothing the second time.

insert into users (id, email, password_hash, full_name, role, created_at, updated_at) values
    (1, 'admin@example.com', '$2a$10$cGDHvBbRYls1lIzBOBMWZetDURiwPEdz911n7VjLAVeHGAGswO5hS', 'Alex Morgan', 'admin', '2024-01-08 09:00:00+00', '2024-01-08 09:00:00+00'),
    (2, 'instructor@example.com', '$2a$10$3K.F9WA9c7CBXKW0NndP4uTPqlLDNCGYHJFCIlgj/1yrUqJTPT1gi', 'Sarah Chen', 'instructor', '2024-01-08 10:15:00+00', '2024-01-08 10:15:00+00'),
    (3, 'david.okafor@example.com', '$2a$10$92Hdl2Kviid/yBvI/n.7Bez4hZYVIVDxyKljg.GEQKIWx4YGGjfKy', 'David Okafor', 'instructor', '2024-01-09 14:30:00+00', '2024-01-09 14:30:00+00'),
    (4, 'student@example.com', '$2a$10$6NubI/7wJ/WVq4I18NC/T.ZY8AsceX7le1i1aTpJwo4lNoHtSVM0W', 'Emma Wilson', 'student', '2024-02-01 18:42:00+00', '2024-02-01 18:42:00+00'),
    (5, 'lucas.martin@example.com', '$2a$10$EIErEIr2BLwndt3bl8dU/.wIQi7U1cs2A.USm66MX1ydbh8mzFHPi', 'Lucas Martin', 'student', '2024-02-12 20:05:00+00', '2024-02-12 20:05:00+00')
on conflict do nothing;

select setval(pg_get_serial_sequence('users', 'id'), (select max(id) from users));
