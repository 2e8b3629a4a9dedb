-- outside a transaction: a failure may leave it partly applied (here: an invalid index)
create index concurrently idx_accounts_email on accounts (no_such_column);
