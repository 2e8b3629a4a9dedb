create function label(n integer) returns text language sql immutable as $$ select 'item ' || n $$;
create function label(s text) returns text language sql immutable as $$ select 'item ' || upper(s) $$;
