import static io.github.lmsdb.it.ItSupport.*

// One byte changed, same size: found while psql reads the file from the plugin, before the swap.
assertLogContains(basedir, '[INFO] Restoring into lms_db_restore_',
    'Checksum mismatch: corrupted.sql does not match its manifest (expected ',
    'The file changed or is damaged. The restored copy was dropped; lms_db is unchanged.', 'BUILD FAILURE')
assertLogLacks(basedir, 'Swapping databases')
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from users') == 20
assert queryValue(basedir, pgBinariesJar, 'postgres', "select count(*) from pg_database where datname like 'lms_db_%'") == 0
return true
