create sequence invoice_numbers as integer start with 1000 increment by 1;
