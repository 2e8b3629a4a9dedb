import static io.github.lmsdb.it.ItSupport.*

// lms_app owns lms_db but may not create databases: the shadow copy goes to an embedded server of the same major.
assertLogContains(basedir, " for shadow databases, fsync off (data: ", '[INFO]   - Create table: users',
    'Dry run complete: 15 migration(s) would be applied. Nothing was changed.', 'BUILD SUCCESS')
assertLogLacks(basedir, 'may not create databases')
def db = connect(itPgPort as int, 'lms_db', 'postgres', null)
try {
    // Nothing written to the target: no history table, no tables, no shadow database on its server.
    assert !tableExists(db, 'flyway_schema_history')
    def rs = db.createStatement().executeQuery("select count(*) from pg_database where datname like 'lmsdb_shadow_%'")
    rs.next()
    assert rs.getInt(1) == 0
} finally {
    db.close()
}
return true
