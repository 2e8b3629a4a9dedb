-- Sample data for the lmsdb example: 15 enrollments of the two students (users 4 and 5).
-- Explicit ids and ON CONFLICT DO NOTHING: seeding twice inserts nothing the second time.

insert into enrollments (id, user_id, course_id, status, completed_at, created_at, updated_at) values
    (1, 4, 1, 'completed', '2024-02-25 20:50:00+00', '2024-02-02 19:10:00+00', '2024-02-25 20:50:00+00'),
    (2, 5, 3, 'completed', '2024-03-07 22:12:00+00', '2024-02-13 20:30:00+00', '2024-03-07 22:12:00+00'),
    (3, 5, 7, 'cancelled', null, '2024-03-01 18:05:00+00', '2024-03-08 19:05:00+00'),
    (4, 4, 2, 'active', null, '2024-03-20 19:25:00+00', '2024-03-20 19:25:00+00'),
    (5, 5, 4, 'active', null, '2024-03-25 21:00:00+00', '2024-03-25 21:00:00+00'),
    (6, 4, 3, 'active', null, '2024-04-02 18:50:00+00', '2024-04-02 18:50:00+00'),
    (7, 5, 8, 'active', null, '2024-04-08 20:15:00+00', '2024-04-08 20:15:00+00'),
    (8, 4, 4, 'active', null, '2024-04-15 19:40:00+00', '2024-04-15 19:40:00+00'),
    (9, 5, 1, 'active', null, '2024-04-22 21:10:00+00', '2024-04-22 21:10:00+00'),
    (10, 4, 5, 'active', null, '2024-05-06 18:30:00+00', '2024-05-06 18:30:00+00'),
    (11, 5, 2, 'active', null, '2024-05-13 20:45:00+00', '2024-05-13 20:45:00+00'),
    (12, 4, 6, 'active', null, '2024-05-20 19:05:00+00', '2024-05-20 19:05:00+00'),
    (13, 5, 5, 'active', null, '2024-05-27 21:20:00+00', '2024-05-27 21:20:00+00'),
    (14, 4, 7, 'active', null, '2024-06-03 18:15:00+00', '2024-06-03 18:15:00+00'),
    (15, 4, 8, 'active', null, '2024-06-10 19:55:00+00', '2024-06-10 19:55:00+00')
on conflict do nothing;

select setval(pg_get_serial_sequence('enrollments', 'id'), (select max(id) from enrollments));
