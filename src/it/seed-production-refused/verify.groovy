import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir, 'lmsdb:seed is refused in production: it would load sample data into lms_db. Nothing was changed.', 'BUILD FAILURE')
assertLogLacks(basedir, 'Seeding users')
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from users') == 0
return true
