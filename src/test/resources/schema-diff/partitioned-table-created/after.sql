create table measurements (city_id integer not null, logdate date not null, peaktemp integer) partition by range (logdate);
create table measurements_y2024 partition of measurements for values from ('2024-01-01') to ('2025-01-01');
