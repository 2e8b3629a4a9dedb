-- Sample data for the lmsdb example: 12 quizzes, each on the last lesson of a section.
-- Explicit ids and ON CONFLICT DO NOTHING: seeding twice inserts nothing the second time.

insert into quizzes (id, lesson_id, title, description, passing_score, time_limit, created_at, updated_at) values
    -- Introduction to SQL, lesson 8: Grouping with GROUP BY and HAVING
    (1, 8, 'SQL Querying Basics Quiz', 'Check your understanding of SELECT, filtering, sorting and aggregation.', 70, 15, '2024-01-12 10:30:00+00', '2024-01-12 10:30:00+00'),
    -- Introduction to SQL, lesson 12: Transactions and Constraints
    (2, 12, 'Joins and Data Modification Quiz', 'Joins, INSERT, UPDATE, DELETE, transactions and constraints.', 70, 20, '2024-01-12 11:30:00+00', '2024-01-12 11:30:00+00'),
    -- PostgreSQL Performance Tuning, lesson 16: Join Strategies: Nested Loop, Hash and Merge
    (3, 16, 'Query Plans Quiz', 'Reading EXPLAIN output, scan types and join strategies.', 80, 20, '2024-01-13 10:00:00+00', '2024-01-13 10:00:00+00'),
    -- PostgreSQL Performance Tuning, lesson 20: GIN, GiST and BRIN Indexes
    (4, 20, 'Indexing Strategies Quiz', 'Index types, multi-column, partial and expression indexes.', 80, 20, '2024-01-13 11:00:00+00', '2024-01-13 11:00:00+00'),
    -- Java Programming Fundamentals, lesson 28: Methods and Parameters
    (5, 28, 'Java Basics Quiz', 'Syntax, primitive types, control flow and methods.', 70, 15, '2024-01-14 15:45:00+00', '2024-01-14 15:45:00+00'),
    -- Java Programming Fundamentals, lesson 32: Interfaces and Abstract Classes
    (6, 32, 'Object-Oriented Programming Quiz', 'Classes, encapsulation, inheritance, polymorphism and interfaces.', 70, 20, '2024-01-14 13:45:00+00', '2024-01-14 13:45:00+00'),
    -- Modern Web Development: HTML, CSS and JavaScript, lesson 44: Responsive Design with Media Queries and Grid
    (7, 44, 'HTML and CSS Quiz', 'Semantic HTML, forms, accessibility, selectors and layout.', 70, 15, '2024-01-17 10:15:00+00', '2024-01-17 10:15:00+00'),
    -- Modern Web Development: HTML, CSS and JavaScript, lesson 48: async/await and Error Handling
    (8, 48, 'JavaScript Essentials Quiz', 'Variables, types, the DOM, events, promises and async/await.', 70, 20, '2024-01-17 11:15:00+00', '2024-01-17 11:15:00+00'),
    -- Data Science with Python, lesson 60: Evaluating Classification Models
    (9, 60, 'Data Science Fundamentals Quiz', 'pandas, statistics, visualization and machine learning basics.', 75, 25, '2024-01-18 11:20:00+00', '2024-01-18 11:20:00+00'),
    -- UX Design Principles, lesson 72: Design Handoff to Developers
    (10, 72, 'UX Fundamentals Quiz', 'Research, personas, wireframes, accessibility and usability testing.', 70, null, '2024-01-19 16:10:00+00', '2024-01-19 16:10:00+00'),
    -- Agile Project Management, lesson 84: Scaling Agile Across Teams
    (11, 84, 'Agile and Scrum Quiz', 'Agile values, Scrum roles and events, Kanban and metrics.', 70, 15, '2024-01-20 12:40:00+00', '2024-01-20 12:40:00+00'),
    -- Cloud Computing Fundamentals, lesson 96: Monitoring and Cost Management
    (12, 96, 'Cloud Fundamentals Quiz', 'Service models, regions, core services, serverless and cost control.', 70, 20, '2024-01-21 14:00:00+00', '2024-01-21 14:00:00+00')
on conflict do nothing;

select setval(pg_get_serial_sequence('quizzes', 'id'), (select max(id) from quizzes));
