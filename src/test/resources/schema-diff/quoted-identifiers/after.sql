create table "Events" ("Id" bigint primary key, "user" text not null default 'system', "order" integer, "When" timestamptz);
create index "Events_When_idx" on "Events" ("When");
comment on column "Events"."order" is 'position in the feed';
