create table bookings (id bigint primary key, during tstzrange not null, exclude using gist (during with &&));
