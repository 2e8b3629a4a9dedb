import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir, '[INFO] Backup file: backups/no-manifest.sql  (no manifest: checksum and row counts cannot be verified)',
    '[INFO] Restoring into lms_db_restore_',
    'tables, constraints and tables with rows match the file (no manifest to compare row counts with)',
    '[INFO] Database restored successfully!', 'BUILD SUCCESS')
assert queryValue(basedir, pgBinariesJar, 'lms_db', 'select count(*) from users') == 25
// the audit trail of the replaced database survives the restore, with the restore's own record
assert queryValue(basedir, pgBinariesJar, 'lms_db', "select count(*) from lmsdb.lmsdb_audit where goal = 'restore' and outcome = 'success'") == 1
return true
