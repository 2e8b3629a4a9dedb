import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir, 'Restore in staging needs confirmation, and this build cannot ask (batch mode). Nothing was changed.',
    'Confirm with -Dlmsdb.confirm=lms_db', 'BUILD FAILURE')
assertLogLacks(basedir, 'Restoring into', 'Backing up')
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from users') == 20
return true
