import static io.github.lmsdb.it.ItSupport.*
import groovy.json.JsonSlurper

// -q hides Maven's INFO log; the document still reaches standard output, unprefixed, on one line.
def lines = buildLog(basedir).readLines()
assert !lines.any { it.startsWith('[INFO]') }
def json = lines.findAll { it.startsWith('{') }
assert json.size() == 1
def doc = new JsonSlurper().parseText(json[0])
assert doc.connected == true
assert doc.database == 'lms_db'
assert doc.migrations.pending == 15
return true
