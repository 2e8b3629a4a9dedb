import static io.github.lmsdb.it.ItSupport.*

def plan = new File(basedir, 'target/plan.json')
assert plan.isFile()
def doc = new groovy.json.JsonSlurper().parse(plan)
assert doc.kind == 'migrate' && doc.database == 'lms_db' && doc.steps.size() == 15
assert doc.fingerprint ==~ /[0-9a-f]{64}/
assert doc.steps[0].version == '20231101090000' && doc.steps[0].checksum ==~ /-?\d+/

assertLogContains(basedir,
    '[INFO] Plan: migrate lms_db',
    '[INFO] Last applied migration: none',
    '[INFO] Schema fingerprint (SHA-256): ' + doc.fingerprint,
    '[INFO] 15 migration(s) to apply, in order:',
    '[INFO] 1. 20231101090000 CreateUsers (V20231101090000__CreateUsers.sql, checksum ' + doc.steps[0].checksum + ')\n[INFO]   - Create table: users',
    '[INFO] Plan written to ',
    'Review it, then apply exactly it: mvn lmsdb:migrate -Dlmsdb.plan=',
    'was not applied. Nothing was changed.',
    ': the database matches it (checked under the migration lock).',
    '[INFO] Running migration 15/15: AddQuizTimeLimit...',
    '[INFO] All migrations completed successfully!')
assertLogLacks(basedir, 'BUILD FAILURE')
withProjectDatabase(basedir, pgBinariesJar, 'lms_db') { c ->
    def rs = c.createStatement().executeQuery('select count(*) from flyway_schema_history where success')
    rs.next()
    assert rs.getInt(1) == 15
}
return true
