import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    'Cannot connect to PostgreSQL at 127.0.0.1:' + itSilentPort + ': no answer within 2 s.',
    'To wait longer: -Dlmsdb.connectTimeout=30',
    'BUILD FAILURE')
return true
