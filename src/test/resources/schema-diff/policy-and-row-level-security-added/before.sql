create table documents (id bigint primary key, owner text not null, body text);
