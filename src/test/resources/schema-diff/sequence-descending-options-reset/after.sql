create sequence countdown as integer;
