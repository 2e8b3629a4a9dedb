import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir, '[INFO] User: lms_app', '[INFO] - Total migrations: 15', 'BUILD SUCCESS')
assertLogLacks(basedir, 'ItSecret-7391-pw')
return true
