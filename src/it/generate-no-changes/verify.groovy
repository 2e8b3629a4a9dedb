import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir, '[INFO] Compared with database lms_db\n[INFO] Shadow databases: on the local shadow server localhost:',
    '[INFO] No changes detected: the schema matches the declared schema. No files written.',
    'BUILD SUCCESS')
// set_updated_at(), its nine triggers and its comment are compared now (and equal): nothing is left out
assertLogLacks(basedir, 'not compared:')
// nothing written into the example's migrations
assert !new File(basedir, '../../../migrations-example/src/main/resources/db/migration').list().any { it.contains('Nothing') }
return true
