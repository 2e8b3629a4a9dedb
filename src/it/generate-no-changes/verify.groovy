import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir, '[INFO] Compared with database lms_db',
    '[INFO] No changes detected in what is compared. No files written.',
    '- not compared: comment (index, sequence, constraint, type, function, trigger, schema) (1 object)',
    'BUILD SUCCESS')
// set_updated_at() and its nine triggers are compared now (and equal)
assertLogLacks(basedir, 'not compared: function or procedure', 'not compared: trigger')
// nothing written into the example's migrations
assert !new File(basedir, '../../../migrations-example/src/main/resources/db/migration').list().any { it.contains('Nothing') }
return true
