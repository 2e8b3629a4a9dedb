import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir, 'Unknown property -Dlmsdb.environment: no lmsdb goal has such a parameter. Nothing was changed.',
        'Did you mean -Dlmsdb.env?', 'BUILD FAILURE')
assertLogLacks(basedir, 'Database Status Report')
return true
