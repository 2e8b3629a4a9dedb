import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    "Unknown environment 'prod'. Allowed values: development, staging, production.",
    'Set it with -Dlmsdb.env=development (or staging, production)',
    'BUILD FAILURE')
// Refused before anything started: no embedded server, no database.
assert !new File(basedir, 'target/lmsdb/postgres').exists()
return true
