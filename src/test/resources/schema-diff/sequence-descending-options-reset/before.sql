create sequence countdown as integer increment by -1 minvalue -50 maxvalue 100 start with 100 cache 3 cycle;
