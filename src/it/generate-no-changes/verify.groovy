import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir, '[INFO] Compared with database lms_db',
    '[INFO] No changes detected in what is compared. No files written.',
    '- not compared: comment (index, sequence, constraint, type, function, trigger, schema) (1 object)',
    '- not compared: function or procedure (1 object)', '- not compared: trigger (9 objects)', 'BUILD SUCCESS')
// nothing written into the example's migrations
assert !new File(basedir, '../../../migrations-example/src/main/resources/db/migration').list().any { it.contains('Nothing') }
return true
