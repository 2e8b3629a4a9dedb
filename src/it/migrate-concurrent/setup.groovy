import static io.github.lmsdb.it.ItSupport.*

// A fresh database on the shared test server (postgres is trusted there).
connect(Integer.parseInt(itPgPort), 'postgres', 'postgres', null).withCloseable { c ->
    c.createStatement().execute('drop database if exists concurrent_db')
    c.createStatement().execute('create database concurrent_db')
}
// The other build: the same goal, started now in its own Maven process, logging to other.log.
def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').path
// Offline, on the invoker's local repository (no tracking file: whichever repository its files came from): the plugin
// and everything it needs are already there.
def command = [mvn, '-B', '-o', '-Daether.enhancedLocalRepository.trackingFilename=lmsdb-it-none', '-Dmaven.repo.local=' + localRepositoryPath, 'lmsdb:migrate']
def builder = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true)
        .redirectOutput(new File(basedir, 'other.log'))
withoutCallerPgEnvironment(builder.environment())
def process = builder.start()
new File(basedir, 'other.pid').text = process.pid().toString()
// This build may start only once the other one holds the migration lock: wait until its first migration is running
// (V1 then keeps the lock until this build polls for it). The bound only ends a test whose other build hangs.
def running = false
def deadline = System.currentTimeMillis() + 600_000
connect(Integer.parseInt(itPgPort), 'concurrent_db', 'postgres', null).withCloseable { c ->
    while (!running) {
        if (!process.alive) {
            throw new AssertionError('the other build ended before its first migration ran:\n' + new File(basedir, 'other.log').text)
        }
        if (System.currentTimeMillis() > deadline) {
            process.destroyForcibly()
            throw new AssertionError('the other build did not start its first migration within 10 minutes:\n' + new File(basedir, 'other.log').text)
        }
        def rs = c.createStatement().executeQuery(
                "select count(*) from pg_stat_activity where datname = current_database() and state = 'active' and query like '%lmsdb-it gate%' and pid <> pg_backend_pid()")
        rs.next()
        running = rs.getInt(1) > 0
        if (!running) {
            Thread.sleep(200)
        }
    }
}
return true
