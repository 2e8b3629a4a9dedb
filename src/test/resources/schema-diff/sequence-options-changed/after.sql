create sequence order_numbers as integer increment by 5 minvalue 10 maxvalue 100000 start with 20 cache 10 cycle;
