import static io.github.lmsdb.it.ItSupport.*

def log = buildLog(basedir)
def first = log.substring(0, log.indexOf('Scanning for projects', log.indexOf('Scanning for projects') + 1))
assert first.contains('Reset in staging needs confirmation, and this build cannot ask (batch mode). Nothing was changed.')
assert first.contains('Confirm with -Dlmsdb.confirm=lms_db') && !first.contains('Step 1')
assertLogContains(basedir, '[INFO] Step 3: Seeding data...             done (6 groups, 805 rows)')
// staging: no test credentials printed
assertLogLacks(basedir, 'Test Credentials')
assert queryValue(basedir, pgBinariesJar, 'lms_db', "select count(*) from users where email = 'keep@example.com'") == 0
return true
