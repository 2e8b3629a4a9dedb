import static io.github.lmsdb.it.ItSupport.*

// The other build ends on its own once this one has polled for the lock; the bound only ends one that hangs.
def other = ProcessHandle.of(Long.parseLong(new File(basedir, 'other.pid').text)).orElse(null)
def deadline = System.currentTimeMillis() + 600_000
while (other != null && other.alive && System.currentTimeMillis() < deadline) {
    Thread.sleep(200)
}
def otherLog = new File(basedir, 'other.log').text
if (other != null && other.alive) {
    other.destroyForcibly()
    throw new AssertionError('the other build was still running after 10 minutes:\n' + otherLog)
}
assert otherLog.contains('BUILD SUCCESS') : otherLog
assert otherLog.contains('[INFO] Running migration 3/3: IndexInvoices...')
assertLogContains(basedir,
    'Another lmsdb run holds the migration lock of schema public on this database (server process ',
    '; waiting up to 120 s for it to finish...',
    '[INFO] Database is up to date. No pending migrations to run. Latest migration: 3 IndexInvoices',
    'BUILD SUCCESS')
assertLogLacks(basedir, 'Running migration')
connect(Integer.parseInt(itPgPort), 'concurrent_db', 'postgres', null).withCloseable { c ->
    def rs = c.createStatement().executeQuery('select count(*), count(distinct version) from flyway_schema_history where success')
    rs.next()
    assert rs.getInt(1) == 3 && rs.getInt(2) == 3
}
return true
