create table words (id bigint primary key, word text collate "C" not null, gloss text);
