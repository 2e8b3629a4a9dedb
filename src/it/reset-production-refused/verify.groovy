import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir, 'lmsdb:reset is refused in production: it would drop every table of lms_db. Nothing was changed.', 'BUILD FAILURE')
assertLogLacks(basedir, 'Step 1')
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from users') == 1
return true
