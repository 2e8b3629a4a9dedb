import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    '[INFO] Restoring Database\n[INFO] ==================\n[INFO] WARNING: This will replace the current database!',
    '[INFO] Backup file: backups/round-trip.sql  (checksum checked while restoring, before the swap)',
    '[INFO] Current database: lms_db',
    '[INFO] Backing up lms_db before the restore...',
    '[INFO] Restoring into lms_db_restore_',
    '[INFO] Verified: 11 tables, row counts match the manifest',
    '[INFO] Swapped: previous database kept as lms_db_before_restore_',
    '[INFO] Database restored successfully!',
    'BUILD SUCCESS')
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from users') == 25
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select full_name from users where id = 1') == 'User 1'
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from courses') == 0
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from flyway_schema_history') == 15
// the previous database is kept aside, with the changed data
def aside = queryValue(basedir, pgBinariesJar, 'postgres', "select datname from pg_database where datname like 'lms_db_before_restore_%'")
assert aside != null
assert queryValue(basedir, pgBinariesJar, aside, 'select count(*) from users') == 20
assert queryValue(basedir, pgBinariesJar, 'postgres', "select count(*) from pg_database where datname like 'lms_db_restore_%'") == 0
// and the pre-restore backup of the current database exists
assert new File(basedir, 'backups').list().any { it ==~ /lms_db_\d{8}_\d{6}(_\d+)?\.dump/ }
return true
