import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    '[INFO]   CreateAccounts completed (',
    '[INFO] Running migration 2/3: CreateInvoices...',
    'Migration 2 CreateInvoices failed: ERROR: relation "no_such_table" does not exist',
    '(SQL state 42P01)',
    'V2__CreateInvoices.sql line 3',
    'Its changes were rolled back (it ran in a transaction); the migrations before it stay applied.',
    'Applied now: 1 CreateAccounts',
    'To recover:',
    '1. Fix V2__CreateInvoices.sql',
    '2. Run: mvn lmsdb:migrate',
    'BUILD FAILURE')
// Reported once, in the plugin's words: no Flyway error line, no cause appended by Maven.
assertLogLacks(basedir, 'NeverReached completed', 'Failed to execute script', 'Migration of schema "public"')
withProjectDatabase(basedir, pgBinariesJar, 'lms_db') { c ->
    assert tableExists(c, 'accounts')
    assert !tableExists(c, 'invoices')
    def rs = c.createStatement().executeQuery('select string_agg(version, \',\' order by installed_rank) from flyway_schema_history')
    rs.next()
    assert rs.getString(1) == '1'
}
return true
