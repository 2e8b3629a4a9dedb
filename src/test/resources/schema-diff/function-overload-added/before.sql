create function label(n integer) returns text language sql immutable as $$ select 'item ' || n $$;
