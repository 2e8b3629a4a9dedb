create sequence invoice_numbers as bigint start with 1000 increment by 10;
