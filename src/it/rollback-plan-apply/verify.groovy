import static io.github.lmsdb.it.ItSupport.*

def plan = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/rollback-plan.json'))
assert plan.kind == 'rollback' && plan.database == 'lms_db' && plan.lastApplied == '20231114140000'
assert plan.steps*.version == ['20231114140000', '20231114130000']
assert plan.steps[0].script == 'U20231114140000__AddQuizTimeLimit.sql' && plan.steps[0].checksum ==~ /[0-9a-f]{64}/
assert plan.fingerprint ==~ /[0-9a-f]{64}/
assert plan.steps[0].preview.changes.any { it.action == 'DROP' && it.kind == 'COLUMN' && it.name == 'quizzes.time_limit' }
assert plan.steps[0].preview.findings*.id == ['drop-column@U20231114140000:5'] : 'the undo script is linted in the plan'
def stale = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/stale-plan.json'))
assert stale.steps*.version == ['20231114120000']

assertLogContains(basedir,
    '[INFO] Plan: rollback lms_db',
    '[INFO] Last applied migration: 20231114140000',
    '[INFO] 2 migration(s) to revert, newest first:',
    '[INFO] 1. 20231114140000 AddQuizTimeLimit (U20231114140000__AddQuizTimeLimit.sql, SHA-256 ' + plan.steps[0].checksum + ')',
    '[INFO]   WARNING drop-column: U20231114140000__AddQuizTimeLimit.sql line 5 (quizzes)',
    '[INFO]       Id: drop-column@U20231114140000:5',
    'Review it, then apply exactly it: mvn lmsdb:rollback -Dlmsdb.plan=',
    ': the database matches it (checked under the migration lock).',
    '2 migrations rolled back successfully',
    'Latest migration now: 20231114120000 AddUserRoles',
    'no longer matches the database, so it was not applied: the migrations to revert differ: the plan has 20231114120000 AddUserRoles; the database now has 20231114140000 AddQuizTimeLimit',
    'the schema\'s fingerprint differs',
    'Nothing was changed.',
    'Make a new plan and review it: mvn lmsdb:rollback -Dlmsdb.planFile=',
    'BUILD FAILURE')
withProjectDatabase(basedir, pgBinariesJar, 'lms_db') { c ->
    def rs = c.createStatement().executeQuery('select count(*) from flyway_schema_history where success')
    rs.next()
    assert rs.getInt(1) == 15 : 'the refused plan reverted nothing'
    rs = c.createStatement().executeQuery("select count(*) from information_schema.columns where table_name = 'quizzes' and column_name = 'time_limit'")
    rs.next()
    assert rs.getInt(1) == 1
}
return true
