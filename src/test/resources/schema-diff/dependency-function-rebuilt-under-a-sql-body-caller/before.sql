create function base_rate() returns numeric language sql immutable return 1.2;
create function gross(p numeric) returns numeric language sql immutable return p * base_rate();
