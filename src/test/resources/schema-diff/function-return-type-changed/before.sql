create function half(n integer) returns integer language sql immutable as $$ select n / 2 $$;
