import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    "Authentication failed for user 'lms_app' at localhost:" + itPgPort + " (the password came from the PGPASSWORD environment variable).",
    'BUILD FAILURE')
assertLogLacks(basedir, 'wrong-env-6604-pw')
return true
