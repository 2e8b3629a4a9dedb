import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir, 'lmsdb:status', 'lmsdb:start', 'lmsdb:stop', 'lmsdb:help',
    'failOnPending', 'Fail the build when migrations are pending.', 'User property: lmsdb.failOnPending', 'BUILD SUCCESS')
return true
