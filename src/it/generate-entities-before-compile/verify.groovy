import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir, 'No compiled classes in ' + new File(basedir, 'target/classes').path,
    'the project has not been compiled. Nothing was written.',
    'Compile first, in the same command: mvn compile lmsdb:generate', 'BUILD FAILURE')
assert !new File(basedir, 'migrations').list().any { it.contains('AddUserAvatar') }
return true
