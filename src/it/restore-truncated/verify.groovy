import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir, '[INFO] Restoring into lms_db_restore_',
    'The restored data does not match the manifest: public.users has 0 rows, the manifest says 25',
    'The restored copy was dropped; lms_db is unchanged.', 'BUILD FAILURE')
assertLogLacks(basedir, 'Swapping databases')
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from users') == 20
assert queryValue(basedir, pgBinariesJar, 'postgres', "select count(*) from pg_database where datname like 'lms_db_restore_%'") == 0
return true
