-- Sample data for the lmsdb example: 8 published courses, taught by the two instructors (users 2 and 3).
-- Explicit ids and ON CONFLICT DO NOTHING: seeding twice inserts nothing the second time.

insert into courses (id, instructor_id, title, slug, description, category, status, price, published_at, created_at, updated_at) values
    (1, 2, 'Introduction to SQL', 'introduction-to-sql',
     'Learn to query relational databases from scratch: SELECT, filtering, aggregation, joins and safe data changes, with hands-on PostgreSQL exercises.',
     'Databases', 'published', 0.00, '2024-01-17 11:30:00+00', '2024-01-10 09:30:00+00', '2024-01-17 11:30:00+00'),
    (2, 2, 'PostgreSQL Performance Tuning', 'postgresql-performance-tuning',
     'Make slow PostgreSQL queries fast: read execution plans, choose the right indexes, tune server memory and keep tables healthy with VACUUM and ANALYZE.',
     'Databases', 'published', 79.00, '2024-01-18 12:00:00+00', '2024-01-11 10:00:00+00', '2024-01-18 12:00:00+00'),
    (3, 3, 'Java Programming Fundamentals', 'java-programming-fundamentals',
     'A practical first course in Java 17: syntax, object-oriented design, the standard collections, exceptions and the Stream API, with small projects in every section.',
     'Programming', 'published', 49.00, '2024-01-19 15:45:00+00', '2024-01-12 13:45:00+00', '2024-01-19 15:45:00+00'),
    (4, 3, 'Modern Web Development: HTML, CSS and JavaScript', 'modern-web-development-html-css-and-javascript',
     'Build responsive, accessible websites with semantic HTML, modern CSS layout and JavaScript that talks to real APIs.',
     'Web Development', 'published', 59.00, '2024-01-22 11:15:00+00', '2024-01-15 09:15:00+00', '2024-01-22 11:15:00+00'),
    (5, 2, 'Data Science with Python', 'data-science-with-python',
     'Analyze real data sets with Python: NumPy, pandas and Matplotlib for exploration, then your first machine learning models with scikit-learn.',
     'Data Science', 'published', 89.00, '2024-01-23 13:20:00+00', '2024-01-16 11:20:00+00', '2024-01-23 13:20:00+00'),
    (6, 3, 'UX Design Principles', 'ux-design-principles',
     'Design products people enjoy using: user research, personas, wireframes and prototypes, accessibility and usability testing.',
     'Design', 'published', 39.00, '2024-01-24 17:10:00+00', '2024-01-17 15:10:00+00', '2024-01-24 17:10:00+00'),
    (7, 2, 'Agile Project Management', 'agile-project-management',
     'Run projects the agile way: Scrum roles and events, user stories and estimation, Kanban flow and continuous improvement.',
     'Project Management', 'published', 29.00, '2024-01-25 12:40:00+00', '2024-01-18 10:40:00+00', '2024-01-25 12:40:00+00'),
    (8, 3, 'Cloud Computing Fundamentals', 'cloud-computing-fundamentals',
     'Understand the cloud from the ground up: service models, compute, storage, networking, containers, serverless and keeping costs under control.',
     'Cloud', 'published', 69.00, '2024-01-26 16:00:00+00', '2024-01-19 14:00:00+00', '2024-01-26 16:00:00+00')
on conflict do nothing;

select setval(pg_get_serial_sequence('courses', 'id'), (select max(id) from courses));
