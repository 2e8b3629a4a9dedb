import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir, 'Skipping: lmsdb.skip is true.', 'BUILD SUCCESS')
assertLogLacks(basedir, 'Cannot connect')
return true
