import static io.github.lmsdb.it.ItSupport.*

def log = buildLog(basedir)
def first = log.substring(0, log.indexOf('Scanning for projects', log.indexOf('Scanning for projects') + 1))
// In production the pending migrations are first previewed and linted on a shadow copy (pg_dump and psql), before the
// backup: without the tools that refuses first. The backup's own failure path is OperationGuardTest's.
assert first.contains('No pg_dump, pg_restore and psql in ') && !first.contains('Running migration 1/3') && !first.contains('Backing up')
assertLogContains(basedir, '[INFO] Backing up lms_db before the migrate...', '[INFO]   Saved to ', '[INFO] Running migration 3/3: AddQuizTimeLimit...',
    'All migrations completed successfully!')
def dumps = new File(basedir, 'backups').list().findAll { it.endsWith('.dump') }
assert dumps.size() == 1
assert new groovy.json.JsonSlurper().parse(new File(basedir, 'backups/' + dumps[0] + '.manifest.json')).lastMigration == '20231114110000 AddQuizAttempts'
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from flyway_schema_history') == 15
// production stamps the database; the audit has the run refused at the plan step and the successful one
assert queryValue(basedir, pgBinariesJar, 'lms_db', "select value from lmsdb.lmsdb_metadata where key = 'environment'") == 'production'
assert queryValue(basedir, pgBinariesJar, 'lms_db', "select string_agg(outcome, ',' order by id) from lmsdb.lmsdb_audit where goal = 'migrate'") == 'refused,success'
return true
