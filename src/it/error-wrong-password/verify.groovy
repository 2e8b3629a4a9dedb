import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    "Authentication failed for user 'lms_app' at localhost:" + itPgPort + " (the password came from <password> in the POM or -Dlmsdb.password).",
    'Give the right password with -Dlmsdb.password, a settings.xml <server> and -Dlmsdb.serverId, PGPASSWORD or ~/.pgpass.',
    'BUILD FAILURE',
    // This build ran with -X: Maven printed the parameter, masked.
    '(f) password = ****')
assertLogLacks(basedir, 'wrong-cli-3317-pw')
return true
