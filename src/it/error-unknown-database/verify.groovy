import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    "Database 'no_such_db' does not exist on localhost:" + itPgPort + ".",
    'To create it: createdb -h localhost -p ' + itPgPort + ' -U postgres no_such_db',
    'BUILD FAILURE')
return true
