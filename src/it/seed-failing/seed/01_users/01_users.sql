insert into users (id, email, password_hash, full_name, role) values (1, 'a@example.com', 'x', 'A', 'admin');
