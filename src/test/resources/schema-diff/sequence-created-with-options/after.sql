create sequence ticket_numbers as smallint increment by -2 minvalue -500 maxvalue -1 start with -3 cache 5 no cycle;
