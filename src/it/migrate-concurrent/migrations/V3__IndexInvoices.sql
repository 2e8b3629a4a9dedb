create index concurrently idx_invoices_id on invoices (id);
