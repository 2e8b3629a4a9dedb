import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    "Authentication failed for user 'lms_app' at localhost:" + itPgPort + " (the password came from the <server> in settings.xml named by lmsdb.serverId).",
    'BUILD FAILURE')
assertLogLacks(basedir, 'wrong-srv-8842-pw')
return true
