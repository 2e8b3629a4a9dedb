import static io.github.lmsdb.it.ItSupport.*
import groovy.json.JsonSlurper

def doc = new JsonSlurper().parse(new File(basedir, 'target/status.json'))
assert doc.connected == true
assert doc.database == 'lms_db'
assert doc.user == 'postgres'
assert doc.embedded == true
assert doc.serverVersion.startsWith('15.')
assert doc.migrations.total == 15
assert doc.migrations.executed == 0
assert doc.migrations.pending == 15
assert doc.migrations.last == null
assert doc.migrations.pendingMigrations.size() == 15
assert doc.migrations.pendingMigrations[0].version == '20231101090000'
assert doc.migrations.pendingMigrations[0].description == 'CreateUsers'
assert doc.tableCount == 0
assert doc.databaseSizeBytes > 0
// The second build printed the same document on standard output (not the log, which -q hides), on one line.
def line = buildLog(basedir).readLines().find { it.startsWith('{"connected":true') }
assert line != null
assert new JsonSlurper().parseText(line).migrations.pending == 15
return true
