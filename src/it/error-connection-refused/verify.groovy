import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    'Cannot connect to PostgreSQL at localhost:' + itClosedPort + ' (connection refused).',
    'PostgreSQL is not running or not accessible.',
    'To start it: brew services start postgresql | sudo systemctl start postgresql | docker compose up -d postgres',
    'Or use the embedded server: -Dlmsdb.embedded=true',
    'BUILD FAILURE')
return true
