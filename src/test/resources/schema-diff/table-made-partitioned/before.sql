create table measurements (city_id integer not null, logdate date not null, peaktemp integer);
