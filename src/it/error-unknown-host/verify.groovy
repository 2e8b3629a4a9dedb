import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    "Cannot connect to PostgreSQL: unknown host 'no-such-host.invalid'.",
    'Check the host name in -Dlmsdb.url (now jdbc:postgresql://no-such-host.invalid:5432/lms_db).',
    'BUILD FAILURE')
return true
