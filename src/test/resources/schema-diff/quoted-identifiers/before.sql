create table "Events" ("Id" bigint primary key, "user" text);
