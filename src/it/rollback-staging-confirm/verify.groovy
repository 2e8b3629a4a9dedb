import static io.github.lmsdb.it.ItSupport.*

def log = buildLog(basedir)
def first = log.substring(0, log.indexOf('Scanning for projects', log.indexOf('Scanning for projects') + 1))
assert first.contains('Rollback in staging needs confirmation, and this build cannot ask (batch mode). Nothing was changed.')
assert first.contains('Confirm with -Dlmsdb.confirm=lms_db')
assert !first.contains('Reverting 1/1')
assertLogContains(basedir, '[INFO] Reverting 1/1: 20231114140000 AddQuizTimeLimit...', 'Migration rolled back successfully')
// staging: normal output, no next-step hints
assertLogLacks(basedir, 'Next: ')
withProjectDatabase(basedir, pgBinariesJar, 'lms_db') { c ->
    def rs = c.createStatement().executeQuery('select count(*) from flyway_schema_history')
    rs.next(); assert rs.getInt(1) == 14
}
return true
