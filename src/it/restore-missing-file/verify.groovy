import static io.github.lmsdb.it.ItSupport.*

def existing = new File(basedir, 'backups').list().find { it.endsWith('.sql') }
assertLogContains(basedir, 'Backup file not found: ', 'lms_db_20200101_000000.sql. Nothing was changed.',
    'Newest backups of lms_db in ', '-Dlmsdb.file=' + new File(basedir, 'backups/' + existing).path, 'BUILD FAILURE')
return true
