import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    'Migration 2 IndexAccounts failed: ERROR: column "no_such_column" does not exist (SQL state 42703)',
    'It ran outside a transaction (e.g. CREATE INDEX CONCURRENTLY): its changes may be PARTIALLY APPLIED.',
    'Applied now: 1 CreateAccounts',
    '2. Revert it: mvn lmsdb:rollback (runs its undo script), or undo its partial changes by hand',
    // status shows it failed, with the error from the audit record
    '[INFO] Failed:\n[INFO] - 2 IndexAccounts (failed: revert it with mvn lmsdb:rollback, fix it, migrate again)',
    '[INFO]   2 error: Migration 2 IndexAccounts failed: ERROR: column "no_such_column" does not exist (SQL state 42703)',
    // migrate refuses until it is reverted
    'A migration failed earlier and may be partially applied: 2 IndexAccounts.',
    // rollback reverts the failed one
    '[INFO] Will revert: 2 IndexAccounts',
    '[INFO] Migration rolled back successfully',
    '[INFO] - Executed: 1\n[INFO] - Pending: 1')
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from flyway_schema_history') == 1
assert queryValue(basedir, pgBinariesJar, 'lms_db', "select to_regclass('public.idx_accounts_email') is null") == true
return true
