set lock_timeout = '5s';
create index idx_accounts_email on accounts (email);
