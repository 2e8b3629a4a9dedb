import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir, 'Checksum mismatch: corrupted.sql does not match its manifest (expected ',
    'The file changed or is damaged. Nothing was changed.', 'BUILD FAILURE')
assertLogLacks(basedir, 'Restoring into', 'Backing up')
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from users') == 20
assert queryValue(basedir, pgBinariesJar, 'postgres', "select count(*) from pg_database where datname like 'lms_db_%'") == 0
return true
