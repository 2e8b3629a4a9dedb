create type mood as enum ('sad', 'happy');
