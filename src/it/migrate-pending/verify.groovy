import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    '[INFO] Running Database Migrations\n[INFO] ===========================\n[INFO] Pending Migrations:\n[INFO] 1. 20231101090000 CreateUsers',
    '[INFO] 15. 20231114140000 AddQuizTimeLimit',
    '[INFO] Running migration 1/15: CreateUsers...',
    '[INFO]   CreateUsers completed (',
    '[INFO] Running migration 15/15: AddQuizTimeLimit...',
    '[INFO] All migrations completed successfully! Total time: ',
    '[INFO] Database is up to date. No pending migrations to run. Latest migration: 20231114140000 AddQuizTimeLimit',
    // development: detailed output ends with the next commands
    '[INFO] Next: mvn lmsdb:seed (sample data) | mvn lmsdb:status | undo the last one: mvn lmsdb:rollback')
assertLogLacks(basedir, 'did not follow the filename convention', 'BUILD FAILURE')
withProjectDatabase(basedir, pgBinariesJar, 'lms_db') { c ->
    def rs = c.createStatement().executeQuery('select count(*), count(distinct version) from flyway_schema_history where success')
    rs.next()
    assert rs.getInt(1) == 15 && rs.getInt(2) == 15
    assert tableExists(c, 'user_answers')
}
return true
