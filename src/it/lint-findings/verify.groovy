import static io.github.lmsdb.it.ItSupport.*
import groovy.json.JsonSlurper

assertLogContains(basedir,
    'ERROR index-not-concurrent: V2__IndexAccountsEmail.sql line 2 (accounts)',
    'Evidence: takes SHARE while the index builds on accounts (',
    'Safer: CREATE INDEX CONCURRENTLY (in a migration of its own, outside a transaction)',
    'Lint found 1 finding(s) at error level or above.',
    'BUILD FAILURE',
    'Lint report written to',
    'BUILD SUCCESS')

def sarif = new JsonSlurper().parse(new File(basedir, 'target/lint.sarif'))
assert sarif.version == '2.1.0'
assert sarif.runs[0].tool.driver.name == 'lmsdb'
def result = sarif.runs[0].results[0]
assert result.ruleId == 'index-not-concurrent'
assert result.level == 'error'
assert result.locations[0].physicalLocation.artifactLocation.uri == 'migrations/V2__IndexAccountsEmail.sql'
assert result.locations[0].physicalLocation.region.startLine == 2

assert queryValue(basedir, pgBinariesJar, 'lms_db', "select to_regclass('public.idx_accounts_email') is null") == true : 'lint changes nothing'
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from flyway_schema_history') == 1
return true
