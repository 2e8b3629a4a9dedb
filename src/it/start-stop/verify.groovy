import static io.github.lmsdb.it.ItSupport.*

def log = buildLog(basedir)
def started = (log =~ /Embedded PostgreSQL [0-9.]+ started on localhost:(\d+)/)
assert started.find(): 'start did not report its port'
def port = started.group(1)
assertLogContains(basedir,
    "[INFO]   lmsdb.url  = jdbc:postgresql://localhost:${port}/lms_db",
    "seen by a later plugin: url=jdbc:postgresql://localhost:${port}/lms_db port=${port} user=postgres current=20231114140000",
    "[INFO] Host: localhost:${port} (embedded)",
    '[INFO] - Executed: 15',
    '[INFO] All migrations completed successfully!',
    'Embedded PostgreSQL stopped (data kept in',
    'BUILD SUCCESS')
// Started once: one start line for the whole build.
assert log.count('Embedded PostgreSQL 15.19.0 started on') == 1
// The data survives the stop.
assert new File(basedir, 'target/lmsdb/postgres/PG_VERSION').text.trim() == '15'
return true
