import static io.github.lmsdb.it.ItSupport.*
import groovy.json.JsonSlurper

assertLogContains(basedir,
    '[INFO] Environment: development (database stamped development by lmsdb:migrate)',
    '[INFO] Recent changes (lmsdb_audit):',
    ' seed success (development, postgres from ',
    ' migrate success (development, postgres from ',
    ') none -> 20231114140000, ', ') 20231114140000 -> 20231114140000, ')
def lines = new File(basedir, 'target/audit.jsonl').readLines()
assert lines.size() == 2
def migrate = new JsonSlurper().parseText(lines[0])
assert migrate.goal == 'migrate' && migrate.outcome == 'success' && migrate.environment == 'development'
assert migrate.databaseUser == 'postgres' && migrate.osUser == System.getProperty('user.name')
assert migrate.versionBefore == null && migrate.versionAfter == '20231114140000'
assert migrate.pluginVersion ==~ /\d+\.\d+\.\d+(-SNAPSHOT)?/
def seed = new JsonSlurper().parseText(lines[1])
assert seed.goal == 'seed' && seed.parameters.fresh == 'false' && seed.parameters.groups.startsWith('users,courses')
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from lmsdb.lmsdb_audit') == 2
return true
