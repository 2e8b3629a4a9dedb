create function time_diff(a time, b time) returns double precision language sql immutable as $$ select extract(epoch from a - b) $$;
create type time_span as range (subtype = time, subtype_diff = time_diff);
create type float_range as range (subtype = float8, multirange_type_name = float_ranges);
create table shifts (id bigint primary key, hours time_span);
