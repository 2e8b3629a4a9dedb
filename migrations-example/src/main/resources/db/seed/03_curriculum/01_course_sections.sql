-- Sample data for the lmsdb example: 24 course sections, 3 per course.
-- Explicit ids and ON CONFLICT DO NOTHING: seeding twice inserts nothing the second time.

insert into course_sections (id, course_id, position, title, created_at, updated_at) values
    -- Introduction to SQL
    (1, 1, 1, 'Getting Started with Relational Databases', '2024-01-10 10:31:00+00', '2024-01-10 10:31:00+00'),
    (2, 1, 2, 'Filtering, Sorting and Aggregating', '2024-01-10 10:32:00+00', '2024-01-10 10:32:00+00'),
    (3, 1, 3, 'Joins and Data Modification', '2024-01-10 10:33:00+00', '2024-01-10 10:33:00+00'),
    -- PostgreSQL Performance Tuning
    (4, 2, 1, 'Reading Query Plans', '2024-01-11 11:01:00+00', '2024-01-11 11:01:00+00'),
    (5, 2, 2, 'Indexing Strategies', '2024-01-11 11:02:00+00', '2024-01-11 11:02:00+00'),
    (6, 2, 3, 'Server Configuration and Maintenance', '2024-01-11 11:03:00+00', '2024-01-11 11:03:00+00'),
    -- Java Programming Fundamentals
    (7, 3, 1, 'Java Basics', '2024-01-12 14:46:00+00', '2024-01-12 14:46:00+00'),
    (8, 3, 2, 'Object-Oriented Programming', '2024-01-12 14:47:00+00', '2024-01-12 14:47:00+00'),
    (9, 3, 3, 'Core Libraries', '2024-01-12 14:48:00+00', '2024-01-12 14:48:00+00'),
    -- Modern Web Development: HTML, CSS and JavaScript
    (10, 4, 1, 'HTML Foundations', '2024-01-15 10:16:00+00', '2024-01-15 10:16:00+00'),
    (11, 4, 2, 'Styling with CSS', '2024-01-15 10:17:00+00', '2024-01-15 10:17:00+00'),
    (12, 4, 3, 'JavaScript in the Browser', '2024-01-15 10:18:00+00', '2024-01-15 10:18:00+00'),
    -- Data Science with Python
    (13, 5, 1, 'Python for Data Analysis', '2024-01-16 12:21:00+00', '2024-01-16 12:21:00+00'),
    (14, 5, 2, 'Exploratory Data Analysis', '2024-01-16 12:22:00+00', '2024-01-16 12:22:00+00'),
    (15, 5, 3, 'Introduction to Machine Learning', '2024-01-16 12:23:00+00', '2024-01-16 12:23:00+00'),
    -- UX Design Principles
    (16, 6, 1, 'Understanding Users', '2024-01-17 16:11:00+00', '2024-01-17 16:11:00+00'),
    (17, 6, 2, 'Designing Interfaces', '2024-01-17 16:12:00+00', '2024-01-17 16:12:00+00'),
    (18, 6, 3, 'Testing and Iterating', '2024-01-17 16:13:00+00', '2024-01-17 16:13:00+00'),
    -- Agile Project Management
    (19, 7, 1, 'Agile Foundations', '2024-01-18 11:41:00+00', '2024-01-18 11:41:00+00'),
    (20, 7, 2, 'Running Sprints', '2024-01-18 11:42:00+00', '2024-01-18 11:42:00+00'),
    (21, 7, 3, 'Delivering and Improving', '2024-01-18 11:43:00+00', '2024-01-18 11:43:00+00'),
    -- Cloud Computing Fundamentals
    (22, 8, 1, 'Cloud Concepts', '2024-01-19 15:01:00+00', '2024-01-19 15:01:00+00'),
    (23, 8, 2, 'Core Services', '2024-01-19 15:02:00+00', '2024-01-19 15:02:00+00'),
    (24, 8, 3, 'Running Applications in the Cloud', '2024-01-19 15:03:00+00', '2024-01-19 15:03:00+00')
on conflict do nothing;

select setval(pg_get_serial_sequence('course_sections', 'id'), (select max(id) from course_sections));
