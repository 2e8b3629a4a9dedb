import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir, '[INFO] User: lms_app', '[INFO] Database: lms_db', '[INFO] - Pending: 15', 'BUILD SUCCESS')
assertLogLacks(basedir, 'ItSecret-7391-pw', '(embedded)')
return true
