import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    'Invalid steps 0: 15 migration(s) are applied, so steps must be between 1 and 15.',
    'Invalid steps -1: 15 migration(s) are applied, so steps must be between 1 and 15.',
    'Invalid steps 16: 15 migration(s) are applied, so steps must be between 1 and 15.',
    "Invalid steps 'two': give the number of migrations to revert.",
    'For example: mvn lmsdb:rollback -Dlmsdb.steps=2')
withProjectDatabase(basedir, pgBinariesJar, 'lms_db') { c ->
    def rs = c.createStatement().executeQuery('select count(*) from flyway_schema_history')
    rs.next(); assert rs.getInt(1) == 15
}
return true
