drop index if exists idx_accounts_email;
