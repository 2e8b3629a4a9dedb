import static io.github.lmsdb.it.ItSupport.*
import groovy.json.JsonSlurper

assertLogContains(basedir, '[INFO] Drift in lms_db (2 differences):',
    '[INFO] + index idx_users_last_login on users (not in the migrations)',
    "[INFO] ~ column users.role (default 'student'::text -> 'instructor'::text) (the migrations make it differently)",
    '[INFO] Compared with the migrations up to 20231114140000, 15 replayed in a shadow database on ',
    '[INFO] To turn the drift into a migration: mvn lmsdb:drift -Dlmsdb.name=AdoptHotfix',
    'lms_db has drifted from its migrations: 2 difference(s)', 'BUILD FAILURE')
def doc = new JsonSlurper().parse(new File(basedir, 'target/drift.json'))
assert doc.database == 'lms_db'
assert doc.drift == true
assert doc.appliedVersion == '20231114140000'
assert doc.differenceCount == 2
assert doc.differences*.line.contains('+ index idx_users_last_login on users (not in the migrations)')
assert doc.differences.any { it.line.startsWith('~ column users.role') }
assert doc.adopted == null
// A drift check changes nothing: no history row, no migration file, the hot fix still there.
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from flyway_schema_history') == 15
assert queryValue(basedir, pgBinariesJar, 'lms_db', "select count(*) from pg_indexes where indexname = 'idx_users_last_login'") == 1
assert queryValue(basedir, pgBinariesJar, 'postgres', "select count(*) from pg_database where datname like 'lmsdb_shadow_%'") == 0
return true
