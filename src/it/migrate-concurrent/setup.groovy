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
def process = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true)
        .redirectOutput(new File(basedir, 'other.log')).start()
new File(basedir, 'other.pid').text = process.pid().toString()
// Let the other build take the lock first: wait until its first migration is running.
def deadline = System.currentTimeMillis() + 90_000
while (System.currentTimeMillis() < deadline && !new File(basedir, 'other.log').text.contains('Running migration 1/3')) {
    if (!process.alive) {
        throw new AssertionError('the other build ended early:\n' + new File(basedir, 'other.log').text)
    }
    Thread.sleep(200)
}
return true
