import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir, 'No pg_dump, pg_restore and psql in ', 'no-tools-here (pgBinDirectory).',
    'Point -Dlmsdb.pgBinDirectory at the bin directory of a PostgreSQL 15 or newer client installation.', 'BUILD FAILURE')
def dir = new File(basedir, 'backups')
assert !dir.exists() || dir.list().length == 0
return true
