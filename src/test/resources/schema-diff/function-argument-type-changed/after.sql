create function half(n bigint) returns numeric language sql immutable as $$ select n / 2.0 $$;
