create function half(n integer) returns numeric language sql immutable as $$ select n / 2.0 $$;
