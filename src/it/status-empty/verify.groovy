import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    '[INFO] Database Status Report',
    '[INFO] Connection: Connected to PostgreSQL 15.',
    '[INFO] Database: lms_db',
    '(embedded)',
    '[INFO] User: postgres',
    '[INFO] - Total migrations: 15',
    '[INFO] - Executed: 0',
    '[INFO] - Pending: 15',
    '[INFO] - Last migration: none',
    '[INFO] - 20231101090000 CreateUsers',
    '[INFO] - 20231114140000 AddQuizTimeLimit',
    '[INFO] Tables: 0',
    '[INFO] Database Size: ',
    'BUILD SUCCESS')
// Batch mode: plain text, no ANSI colour codes in the report.
assertLogLacks(basedir, '\u001B[', 'did not follow the filename convention')
// status changes nothing: no history table was created.
assert !withProjectDatabase(basedir, pgBinariesJar, 'lms_db') { c -> tableExists(c, 'flyway_schema_history') }
return true
