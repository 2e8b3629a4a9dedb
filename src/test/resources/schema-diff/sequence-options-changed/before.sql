create sequence order_numbers;
